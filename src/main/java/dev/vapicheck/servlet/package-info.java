/**
 * A Jakarta Servlet 6 filter that validates Vapi webhooks in front of a Java server's webhook route (Spring MVC,
 * Tomcat, Jetty, Spring Cloud Gateway MVC). The servlet API is {@code provided} by the container.
 */
@org.jspecify.annotations.NullMarked
@com.google.errorprone.annotations.CheckReturnValue
package dev.vapicheck.servlet;
