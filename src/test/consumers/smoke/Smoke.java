import dev.vapicheck.ErrorCode;
import dev.vapicheck.Payload;
import dev.vapicheck.SchemaSetException;
import dev.vapicheck.ValidationResult;
import dev.vapicheck.VapiValidator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A consumer's smoke validation against the installed library, on the class path the consumer's build resolved.
 * Usage: java -cp ... Smoke TESTDATA_DIR ok|host-error
 *   ok          the validator builds, a valid fixture passes, an invalid one fails, bad UTF-8 is refused
 *   host-error  building the validator fails with a SchemaSetException that names the Jackson artifact to fix
 */
public final class Smoke {
    public static void main(String[] args) throws Exception {
        Path testdata = Path.of(args[0]);
        String expect = args[1];
        String jackson = tools.jackson.databind.cfg.PackageVersion.VERSION.toString();
        if (expect.equals("host-error")) {
            try {
                VapiValidator.create();
            } catch (SchemaSetException e) {
                check(e.getMessage().contains("com.fasterxml.jackson.core:jackson-annotations"), "message: " + e.getMessage());
                System.out.println("smoke ok (jackson-databind " + jackson + "): create() refused the host: " + e.getMessage());
                return;
            }
            throw new AssertionError("create() worked, but this host's Jackson was expected to be refused");
        }
        VapiValidator validator = VapiValidator.create();
        byte[] good = Files.readAllBytes(testdata.resolve("valid/status-update/minimal.json"));
        byte[] bad = Files.readAllBytes(testdata.resolve("invalid/status-update/timestamp-string.json"));
        ValidationResult ok = validator.validate(Payload.of(good));
        check(ok.isValid(), "valid fixture: " + ok);
        ValidationResult no = validator.validate(Payload.of(bad));
        check(!no.isValid(), "invalid fixture passed");
        String text = new String(good, StandardCharsets.UTF_8);
        int quote = text.indexOf("\"status-update\"");
        for (byte[] seq : new byte[][] {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
                {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}}) {
            byte[] head = text.substring(0, quote + 1).getBytes(StandardCharsets.UTF_8);
            byte[] tail = text.substring(quote + 1).getBytes(StandardCharsets.UTF_8);
            byte[] body = new byte[head.length + seq.length + tail.length];
            System.arraycopy(head, 0, body, 0, head.length);
            System.arraycopy(seq, 0, body, head.length, seq.length);
            System.arraycopy(tail, 0, body, head.length + seq.length, tail.length);
            ValidationResult r = validator.validate(Payload.of(body));
            check(!r.isValid() && r.errors().get(0).code() == ErrorCode.INVALID_UTF8, "bad UTF-8 accepted: " + r);
        }
        System.out.println("smoke ok (jackson-databind " + jackson + "): " + validator.messageKinds().size()
                + " message kinds");
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }
}
