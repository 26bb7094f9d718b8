package dev.tailguard.function;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** One function per deployment ({@code QUARKUS_FUNQY_EXPORT=score}): other event types are refused with 400. */
@QuarkusTest
@TestProfile(SingleExportTest.ExportScore.class)
class SingleExportTest {

    public static class ExportScore implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "score");
        }
    }

    @Test
    void onlyTheExportedFunctionsTriggerTypeIsAccepted() {
        given().contentType(ContentType.JSON).header("ce-id", "1").header("ce-specversion", "1.0").header("ce-source", "t")
                .header("ce-type", "dev.tailguard.run.requested").body("{\"inputs\":[\"samples/sotu-sample.jsonl\"]}").post("/")
                .then().statusCode(400).body("reason", containsString("exports only the function for 'dev.tailguard.synthetic.generated'"));
        given().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
    }
}
