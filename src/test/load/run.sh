#!/usr/bin/env bash
# Load test of the validating proxy, loopback only and bounded (3 phases of SECONDS at most, RATE <= 5000/s):
#   bash src/test/load/run.sh [RATE] [SECONDS]        (from the repository root; default 500/s, 20 s per phase)
# Requests go to 127.0.0.1 only. Builds the CLI jar and the test classes if needed, then runs dev.vapicheck.bench.ProxyLoad: a stub upstream in
# the load JVM, the proxy as its own process (java -jar target/vapi-check-cli.jar proxy), the message fixtures of
# testdata/valid/ sent at a constant rate straight to the stub, through the proxy, and through it at twice the rate.
# PROXY_JAVA_OPTS (such as "-Xmx256m -Xlog:gc:file=target/proxy-gc.log") are passed to the proxy JVM.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
if [[ ! -f target/vapi-check-cli.jar || ! -f target/test-classes/dev/vapicheck/bench/ProxyLoad.class ]]; then
  mvn -B -q -DskipTests package
fi
exec java -Dvapi.basedir=. -cp target/test-classes:target/vapi-check-cli.jar dev.vapicheck.bench.ProxyLoad "$@"
