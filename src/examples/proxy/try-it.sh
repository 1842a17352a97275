# Your webhook server on port 3000 (any language; here the Python example), the proxy in front of it on 8080.
python3 src/examples/python/webhook_server.py 3000 &
export VAPI_SECRET=change-me   # the secret set in Vapi (the server's x-vapi-secret)
java -jar target/vapi-check-cli.jar proxy --listen 127.0.0.1:8080 --upstream http://127.0.0.1:3000 \
    --secret-env VAPI_SECRET --quarantine target/rejected &

# Point Vapi's server URL at the proxy. By hand: a valid tool-calls message reaches the server and its reply
# comes back; an invalid one is answered 422 with application/problem+json and kept in target/rejected/.
curl -sS --retry 30 --retry-connrefused --retry-delay 1 -H 'Content-Type: application/json' \
    -H "x-vapi-secret: $VAPI_SECRET" --data-binary @testdata/valid/tool-calls/minimal.json \
    http://127.0.0.1:8080/webhook; echo
curl -sS -o /dev/null -w '%{http_code}\n' -H 'Content-Type: application/json' -H "x-vapi-secret: $VAPI_SECRET" \
    --data-binary @testdata/invalid/status-update/timestamp-string.json http://127.0.0.1:8080/webhook
