package org.helpline.gateway.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.helpline.dialogue.flow.FlowLoader;
import org.helpline.dialogue.flow.FlowValidationException;

/**
 * Fuzzes the flow-definition loader: one of the shipped files is replaced or corrupted by fuzzer input. The loader
 * must either load or fail with {@link FlowValidationException} naming the problems — never another exception, a
 * hang or unbounded memory (SnakeYAML runs with alias, nesting and size limits).
 */
class FlowLoaderFuzzTest {
    private static final List<String> FILES = List.of("helpline.yml", "welcome.yml", "menu.yml", "counsellor.yml",
            "bullying.yml", "pictures.yml", "safety.yml", "something_else.yml", "privacy.yml", "messages/en.yml",
            "messages/es.yml");
    private static final Map<String, String> SHIPPED = new HashMap<>();

    static {
        for (String name : FILES) {
            try (InputStream in = FlowLoader.class.getResourceAsStream("/flows/" + name)) {
                SHIPPED.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @FuzzTest(maxDuration = "20s")
    void loaderLoadsOrNamesTheProblem(FuzzedDataProvider data) {
        Map<String, String> files = new HashMap<>(SHIPPED);
        String victim = FILES.get(data.consumeInt(0, FILES.size() - 1));
        if (data.consumeBoolean()) {
            String original = files.get(victim);
            int at = data.consumeInt(0, original.length());
            files.put(victim, original.substring(0, at) + data.consumeString(200) + original.substring(at));
        } else {
            files.put(victim, data.consumeRemainingAsString());
        }
        try {
            FlowLoader.load(files::get);
        } catch (FlowValidationException e) {
            assertFalse(e.problems().isEmpty());
        }
    }
}
