/**
 * JMH benchmarks of the validator on the fixture corpus, and small mains that measure its retained heap and print
 * the results as a table; run through the {@code bench} Maven profile, never as part of the build.
 */
@org.jspecify.annotations.NullMarked
package dev.vapicheck.bench;
