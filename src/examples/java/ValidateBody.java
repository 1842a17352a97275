import dev.vapicheck.Check;
import dev.vapicheck.Payload;
import dev.vapicheck.Profile;
import dev.vapicheck.ValidationError;
import dev.vapicheck.ValidationResult;
import dev.vapicheck.VapiValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Validates a Vapi webhook body: java -cp vapi-check-cli.jar ValidateBody.java BODY.json */
public class ValidateBody {
    private static final VapiValidator VALIDATOR = VapiValidator.create(); // build once, share across threads

    public static void main(String[] args) throws IOException {
        byte[] body = Files.readAllBytes(Path.of(args[0]));
        ValidationResult result = VALIDATOR.validate(Payload.of(body));
        for (ValidationError e : result.errors()) {
            System.out.println(e); // /message/status: expected one of [...] but was "bogus" (enum)
        }
        ValidationResult strict = VALIDATOR.validate(Payload.of(body),
                Check.message().kind("status-update").profile(Profile.STRICT));
        System.out.println(result.isValid() ? "valid" : result.errors().size() + " errors");
        System.out.println("strict: " + (strict.isValid() ? "valid" : strict.errors().size() + " errors"));
    }
}
