package org.helpline.dialogue.flow;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.helpline.nlp.Intent;
import org.helpline.nlp.RiskTier;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.DuplicateKeyException;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Loads and validates flow definitions. The manifest ({@code helpline.yml}) names the languages, the flows, the
 * entry points and the global triggers; each flow is {@code <id>.yml}; translations are {@code messages/<lang>.yml}.
 * Validation fails with every problem named by file and node: unknown targets, missing translations, unknown
 * placeholders, unreachable nodes, malformed nodes.
 */
public final class FlowLoader {
    private static final Set<String> KNOWN_PLACEHOLDERS = Set.of("emergency", "helpline", "helpline_name",
            "hours_notice", "position", "next_open", "keyword", "wait", "minutes", "hotline", "report_remove",
            "languages");
    /** A key's variant said instead when the key itself was the last reply ({@code Engine}: never twice in a row). */
    public static final String AGAIN = "_again";
    /** The manifest's {@code training_min_age} when it gives none. */
    public static final int DEFAULT_TRAINING_MIN_AGE = 16;
    private final Function<String, String> files;
    private final List<String> problems = new ArrayList<>();

    private FlowLoader(Function<String, String> files) {
        this.files = files;
    }

    /** Loads the flows shipped in this jar under {@code /flows}. */
    public static FlowSet fromClasspath() {
        return fromClasspath("/flows/");
    }

    public static FlowSet fromClasspath(String base) {
        return load(name -> {
            try (InputStream in = FlowLoader.class.getResourceAsStream(base + name)) {
                return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + base + name, e);
            }
        });
    }

    /**
     * Loads from any source of file contents (a name → text function returning {@code null} for a missing file).
     *
     * @throws FlowValidationException naming every problem found
     */
    public static FlowSet load(Function<String, String> files) {
        return new FlowLoader(files).load();
    }

    private FlowSet load() {
        Map<String, Object> manifest = yamlMap("helpline.yml");
        if (manifest == null) {
            throw new FlowValidationException(problems.isEmpty() ? List.of("helpline.yml: missing") : problems);
        }
        List<String> languages = strings(manifest.get("languages"), "helpline.yml", "languages");
        String defaultLanguage = string(manifest.get("default_language"), "helpline.yml", "default_language");
        if (defaultLanguage != null && !languages.contains(defaultLanguage)) {
            problems.add("helpline.yml: default_language '" + defaultLanguage + "' is not in languages");
        }
        Map<String, Map<String, String>> texts = new TreeMap<>();
        for (String lang : languages) {
            Map<String, Object> raw = yamlMap("messages/" + lang + ".yml");
            Map<String, String> m = new TreeMap<>();
            if (raw != null) {
                raw.forEach((k, v) -> {
                    if (v == null) {
                        problems.add("messages/" + lang + ".yml: message '" + k + "' is empty");
                    } else {
                        m.put(String.valueOf(k), String.valueOf(v).strip());
                    }
                });
            }
            texts.put(lang, m);
        }
        Map<String, Flow> flows = new LinkedHashMap<>();
        for (String id : strings(manifest.get("flows"), "helpline.yml", "flows")) {
            Flow flow = parseFlow(id);
            if (flow != null) {
                flows.put(id, flow);
            }
        }
        Map<String, Object> entry = map(manifest.get("entry"), "helpline.yml", "entry");
        Target welcome = entry(entry, "welcome");
        Target menu = entry(entry, "menu");
        Target counsellor = entry(entry, "counsellor");
        Target waiting = entry(entry, "waiting");
        Target returning = entry(entry, "returning");
        List<Trigger> triggers = new ArrayList<>();
        Object rawTriggers = manifest.get("triggers");
        if (rawTriggers instanceof List<?> list) {
            for (Object t : list) {
                Map<String, Object> tm = map(t, "helpline.yml", "triggers");
                Condition c = condition(tm, "helpline.yml", "triggers", 0.0);
                Object to = tm.get("goto");
                if (c == null || to == null) {
                    problems.add("helpline.yml: each trigger needs keywords and goto");
                } else {
                    triggers.add(new Trigger(c, Target.parse(String.valueOf(to), "?"),
                            Boolean.parseBoolean(String.valueOf(tm.getOrDefault("before_consent", "false")))));
                }
            }
        }
        Duration timeout = duration(manifest.getOrDefault("inactivity_timeout", "PT30M"), "inactivity_timeout");
        Map<String, String> variables = new LinkedHashMap<>();
        map(manifest.getOrDefault("variables", Map.of()), "helpline.yml", "variables")
                .forEach((k, v) -> variables.put(k, String.valueOf(v)));
        double threshold = confidence(manifest.getOrDefault("intent_threshold", "0.5"), "helpline.yml",
                "intent_threshold");

        double otherLanguageShare = confidence(manifest.getOrDefault("other_language_share", "0.6"), "helpline.yml",
                "other_language_share");

        // absent, the safe default: nobody under 16 is asked to let their messages be used for training
        int trainingMinAge = age(manifest.getOrDefault("training_min_age", DEFAULT_TRAINING_MIN_AGE));

        Catalogue catalogue = new Catalogue(texts, defaultLanguage == null ? "en" : defaultLanguage);
        FlowSet set = new FlowSet(flows, catalogue, triggers, defaultLanguage, welcome, menu, counsellor, waiting,
                returning, timeout, variables, threshold, otherLanguageShare, trainingMinAge);
        // messages the service itself sends (queue position, counsellor closed, ...): translated and validated too
        List<String> serviceMessages = strings(manifest.get("service_messages"), "helpline.yml", "service_messages");
        if (problems.isEmpty()) {
            validate(set, languages, serviceMessages);
        }
        if (!problems.isEmpty()) {
            throw new FlowValidationException(problems);
        }
        return set;
    }

    private Flow parseFlow(String id) {
        String file = id + ".yml";
        Map<String, Object> root = yamlMap(file);
        if (root == null) {
            return null;
        }
        String start = string(root.get("start"), file, "start");
        Map<String, Object> rawNodes = map(root.get("nodes"), file, "nodes");
        Map<String, Node> nodes = new LinkedHashMap<>();
        rawNodes.forEach((nodeId, raw) -> {
            Node node = parseNode(id, file, nodeId, map(raw, file, "node '" + nodeId + "'"));
            if (node != null) {
                nodes.put(nodeId, node);
            }
        });
        if (start != null && !nodes.containsKey(start)) {
            problems.add(file + ": start node '" + start + "' does not exist");
        }
        return new Flow(id, file, start, nodes);
    }

    private Node parseNode(String flow, String file, String id, Map<String, Object> raw) {
        String where = file + ": node '" + id + "'";
        Set<String> allowed = Set.of("say", "do", "goto", "wait", "goto_if_language_chosen",
                "goto_if_training_min_age");
        for (String key : raw.keySet()) {
            if (!allowed.contains(key)) {
                problems.add(where + ": unknown field '" + key + "' (allowed: say, do, goto, wait, "
                        + "goto_if_language_chosen, goto_if_training_min_age)");
            }
        }
        List<String> say = raw.get("say") instanceof String s ? List.of(s) : strings(raw.get("say"), where, "say");
        List<Action> actions = new ArrayList<>();
        Object rawDo = raw.get("do");
        if (rawDo instanceof List<?> list) {
            for (Object a : list) {
                Action action = action(a, where);
                if (action != null) {
                    actions.add(action);
                }
            }
        } else if (rawDo != null) {
            problems.add(where + ": 'do' must be a list");
        }
        Target next = raw.get("goto") == null ? null : Target.parse(String.valueOf(raw.get("goto")), flow);
        List<Case> cases = new ArrayList<>();
        Target other = null;
        boolean reroute = false;
        if (raw.containsKey("wait")) {
            Map<String, Object> wait = map(raw.get("wait"), where, "wait");
            Object rawCases = wait.get("cases");
            if (rawCases instanceof List<?> list) {
                for (Object c : list) {
                    Map<String, Object> cm = map(c, where, "case");
                    Condition condition = condition(cm, file, id, -1);
                    Object consented = cm.get("consented");
                    Object to = cm.get("goto");
                    if (condition == null || to == null) {
                        problems.add(where + ": each case needs 'keywords' or 'intent', and 'goto'");
                    } else {
                        cases.add(new Case(condition, Target.parse(String.valueOf(to), flow),
                                consented == null ? null : Boolean.valueOf(String.valueOf(consented))));
                    }
                }
            }
            if (wait.get("other") != null) {
                other = Target.parse(String.valueOf(wait.get("other")), flow);
            }
            reroute = Boolean.parseBoolean(String.valueOf(wait.getOrDefault("reroute", "false")));
            if (reroute && other == null) {
                problems.add(where + ": 'reroute' needs 'other' (where the message is handled instead)");
            }
        }
        if ((next == null) == (!raw.containsKey("wait"))) {
            problems.add(where + ": needs exactly one of 'goto' and 'wait'");
            return null;
        }
        Target chosen = raw.get("goto_if_language_chosen") == null ? null
                : Target.parse(String.valueOf(raw.get("goto_if_language_chosen")), flow);
        if (chosen != null && next == null) {
            problems.add(where + ": 'goto_if_language_chosen' needs 'goto'");
        }
        Target minAge = raw.get("goto_if_training_min_age") == null ? null
                : Target.parse(String.valueOf(raw.get("goto_if_training_min_age")), flow);
        if (minAge != null && next == null) {
            problems.add(where + ": 'goto_if_training_min_age' needs 'goto'");
        }
        return new Node(id, actions, say, next, cases, other, chosen, minAge, reroute);
    }

    private Action action(Object raw, String where) {
        if (!(raw instanceof Map<?, ?> m) || m.size() != 1) {
            problems.add(where + ": each action is one of escalate, set_language, consent, erase, join_list, "
                    + "training_consent");
            return null;
        }
        Map.Entry<?, ?> e = m.entrySet().iterator().next();
        String kind = String.valueOf(e.getKey());
        switch (kind) {
            case "escalate" -> {
                Map<String, Object> args = map(e.getValue(), where, "escalate");
                String reason = String.valueOf(args.getOrDefault("reason", "asked_for_counsellor"));
                try {
                    RiskTier tier = RiskTier.valueOf(String.valueOf(args.getOrDefault("risk", "low"))
                            .toUpperCase(Locale.ROOT));
                    return new Action.Escalate(reason, tier);
                } catch (IllegalArgumentException ex) {
                    problems.add(where + ": unknown risk tier '" + args.get("risk") + "'");
                    return null;
                }
            }
            case "set_language" -> {
                return new Action.SetLanguage(String.valueOf(e.getValue()));
            }
            case "consent" -> {
                return new Action.Consent();
            }
            case "erase" -> {
                return new Action.Erase();
            }
            case "join_list" -> {
                return new Action.JoinList();
            }
            case "training_consent" -> {
                String given = String.valueOf(e.getValue());
                if (!given.equals("true") && !given.equals("false")) {
                    problems.add(where + ": training_consent is true or false, not '" + given + "'");
                    return null;
                }
                return new Action.TrainingConsent(Boolean.parseBoolean(given));
            }
            default -> {
                problems.add(where + ": unknown action '" + kind + "'");
                return null;
            }
        }
    }

    private Condition condition(Map<String, Object> m, String file, String node, double defaultConfidence) {
        if (m.get("known") != null) {
            Map<String, Object> rest = new LinkedHashMap<>(m);
            String variable = String.valueOf(rest.remove("known"));
            if (!KNOWN_PLACEHOLDERS.contains(variable)) {
                problems.add(file + ": node '" + node + "': 'known' names unknown placeholder '" + variable + "'");
            }
            boolean more = rest.keySet().stream().anyMatch(k -> !k.equals("goto") && !k.equals("consented"));
            return new Condition.Known(variable, more ? condition(rest, file, node, defaultConfidence) : null);
        }
        if (m.get("topic") != null) {
            Map<String, Object> rest = new LinkedHashMap<>(m);
            Object rawTopics = rest.remove("topic");
            List<String> labels = rawTopics instanceof String s ? List.of(s) : strings(rawTopics, file, node);
            return new Condition.TopicIs(intents(labels, file, node), condition(rest, file, node, defaultConfidence));
        }
        if (m.get("risk") != null) {
            try {
                return new Condition.RiskAtLeast(RiskTier.valueOf(String.valueOf(m.get("risk"))
                        .toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                problems.add(file + ": node '" + node + "': unknown risk tier '" + m.get("risk") + "'");
                return null;
            }
        }
        if (m.get("age_at_least") != null) {
            String bound = String.valueOf(m.get("age_at_least"));
            if (bound.equals("training_min_age")) {
                return new Condition.AgeAtLeast(Condition.AgeAtLeast.TRAINING_MIN_AGE);
            }
            try {
                return new Condition.AgeAtLeast(Integer.parseInt(bound));
            } catch (NumberFormatException e) {
                problems.add(file + ": node '" + node + "': age_at_least is a number or training_min_age, not '"
                        + bound + "'");
                return null;
            }
        }
        if (m.get("keywords") != null) {
            return new Condition.Keywords(String.valueOf(m.get("keywords")),
                    Boolean.parseBoolean(String.valueOf(m.getOrDefault("contains", "false"))));
        }
        Object rawIntent = m.get("intent");
        if (rawIntent != null) {
            List<String> labels = rawIntent instanceof String s ? List.of(s) : strings(rawIntent, file, node);
            Set<Intent> intents = new LinkedHashSet<>();
            for (String label : labels) {
                try {
                    intents.add(Intent.fromLabel(label));
                } catch (IllegalArgumentException e) {
                    problems.add(file + ": node '" + node + "': unknown intent '" + label + "'");
                }
            }
            double min = m.get("min_confidence") == null ? defaultConfidence
                    : confidence(m.get("min_confidence"), file, "node '" + node + "': min_confidence");
            return new Condition.IntentIs(intents, min);
        }
        return null;
    }

    private Set<Intent> intents(List<String> labels, String file, String node) {
        Set<Intent> intents = new LinkedHashSet<>();
        for (String label : labels) {
            try {
                intents.add(Intent.fromLabel(label));
            } catch (IllegalArgumentException e) {
                problems.add(file + ": node '" + node + "': unknown intent '" + label + "'");
            }
        }
        return intents;
    }

    private Duration duration(Object raw, String field) {
        try {
            Duration d = Duration.parse(String.valueOf(raw));
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException();
            }
            return d;
        } catch (RuntimeException e) {
            problems.add("helpline.yml: '" + field + "' must be a positive ISO-8601 duration such as PT30M");
            return Duration.ofMinutes(30);
        }
    }

    private double confidence(Object raw, String where, String field) {
        try {
            double v = Double.parseDouble(String.valueOf(raw));
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException();
            }
            return v;
        } catch (RuntimeException e) {
            problems.add(where + ": '" + field + "' must be a number from 0 to 1");
            return 0.5;
        }
    }

    private int age(Object raw) {
        try {
            int v = Integer.parseInt(String.valueOf(raw).strip());
            if (v < 0 || v > FlowSet.MAX_TRAINING_MIN_AGE) {
                throw new IllegalArgumentException();
            }
            return v;
        } catch (RuntimeException e) {
            problems.add("helpline.yml: 'training_min_age' must be a whole number from 0 (none) to "
                    + FlowSet.MAX_TRAINING_MIN_AGE);
            return DEFAULT_TRAINING_MIN_AGE;
        }
    }

    private Target entry(Map<String, Object> entry, String name) {
        Object v = entry.get(name);
        if (v == null) {
            problems.add("helpline.yml: entry '" + name + "' is missing");
            return new Target("?", "?");
        }
        return Target.parse(String.valueOf(v), "?");
    }

    private void validate(FlowSet set, List<String> languages, List<String> serviceMessages) {
        Set<String> keys = new LinkedHashSet<>(FlowSet.SYSTEM_KEYS);
        Map<String, String> keyUsedAt = new LinkedHashMap<>();
        FlowSet.SYSTEM_KEYS.forEach(k -> keyUsedAt.put(k, "the engine"));
        keys.addAll(serviceMessages);
        serviceMessages.forEach(k -> keyUsedAt.putIfAbsent(k, "the gateway (service_messages)"));
        for (Flow flow : set.flows().values()) {
            for (Node node : flow.nodes().values()) {
                String where = flow.source() + ": node '" + node.id() + "'";
                for (String key : node.say()) {
                    keys.add(key);
                    keyUsedAt.putIfAbsent(key, where);
                }
                for (Case c : node.cases()) {
                    checkTarget(set, c.target(), where);
                    Condition cond = c.condition();
                    while (cond instanceof Condition.TopicIs || cond instanceof Condition.Known) {
                        cond = cond instanceof Condition.TopicIs t ? t.and() : ((Condition.Known) cond).and();
                    }
                    if (cond instanceof Condition.Keywords k) {
                        keys.add(k.messageKey());
                        keyUsedAt.putIfAbsent(k.messageKey(), where);
                    }
                }
                if (node.next() != null) {
                    checkTarget(set, node.next(), where);
                }
                if (node.nextIfLanguageChosen() != null) {
                    checkTarget(set, node.nextIfLanguageChosen(), where);
                }
                if (node.nextIfTrainingMinAge() != null) {
                    checkTarget(set, node.nextIfTrainingMinAge(), where);
                }
                if (node.other() != null) {
                    checkTarget(set, node.other(), where);
                }
                for (Action a : node.actions()) {
                    if (a instanceof Action.SetLanguage l && !languages.contains(l.language())) {
                        problems.add(where + ": set_language '" + l.language() + "' is not a shipped language");
                    }
                }
            }
        }
        for (Trigger t : set.triggers()) {
            checkTarget(set, t.target(), "helpline.yml: trigger");
            if (t.condition() instanceof Condition.Keywords k) {
                keys.add(k.messageKey());
                keyUsedAt.putIfAbsent(k.messageKey(), "helpline.yml: trigger");
            }
        }
        for (Target t : List.of(set.welcome(), set.menu(), set.counsellor(), set.waiting(), set.returning())) {
            checkTarget(set, t, "helpline.yml: entry");
        }
        addVariants(set, languages, keys, keyUsedAt);
        for (String lang : languages) {
            for (String key : keys) {
                if (!set.catalogue().has(lang, key)) {
                    problems.add("messages/" + lang + ".yml: missing translation of '" + key + "' (used by "
                            + keyUsedAt.get(key) + ")");
                }
            }
            for (String key : set.catalogue().all().get(lang).keySet()) {
                boolean again = key.endsWith(AGAIN) && keys.contains(key.substring(0, key.length() - AGAIN.length()));
                if (!keys.contains(key) && !key.startsWith("variable.") && !again) {
                    problems.add("messages/" + lang + ".yml: message '" + key + "' is never used");
                }
                for (String p : Catalogue.placeholders(set.catalogue().raw(lang, key))) {
                    if (!KNOWN_PLACEHOLDERS.contains(p)) {
                        problems.add("messages/" + lang + ".yml: message '" + key + "' uses unknown placeholder {"
                                + p + "}");
                    } else if (Catalogue.MAY_BE_UNKNOWN.contains(p) && keys.contains(key)
                            && !set.catalogue().has(lang, key + Catalogue.WITHOUT + p)
                            && !set.catalogue().has(lang, "variable." + p)) {
                        problems.add("messages/" + lang + ".yml: message '" + key + "' shows {" + p + "}, which may "
                                + "be unknown (a country without one): give '" + key + Catalogue.WITHOUT + p
                                + "' or 'variable." + p + "'");
                    }
                }
            }
        }
        if (problems.isEmpty()) {
            checkReachable(set);
        }
    }

    /**
     * A used message's variants for unknown values ({@code <key>.no_<placeholder>}, see {@link Catalogue}) are used
     * too, and must be translated like it.
     */
    private static void addVariants(FlowSet set, List<String> languages, Set<String> keys,
                                    Map<String, String> keyUsedAt) {
        boolean added = true;
        while (added) {
            added = false;
            for (String lang : languages) {
                for (String key : set.catalogue().all().getOrDefault(lang, Map.of()).keySet()) {
                    int at = key.lastIndexOf(Catalogue.WITHOUT);
                    if (at > 0 && !keys.contains(key) && keys.contains(key.substring(0, at))
                            && Catalogue.MAY_BE_UNKNOWN.contains(key.substring(at + Catalogue.WITHOUT.length()))) {
                        keys.add(key);
                        keyUsedAt.putIfAbsent(key, "a variant of '" + key.substring(0, at) + "'");
                        added = true;
                    }
                }
            }
        }
    }

    private void checkTarget(FlowSet set, Target t, String where) {
        Flow flow = set.flows().get(t.flow());
        if (flow == null) {
            problems.add(where + ": goes to unknown flow '" + t.flow() + "' (" + t + ")");
        } else if (!flow.nodes().containsKey(t.node())) {
            problems.add(where + ": goes to unknown node '" + t.node() + "' in " + flow.source());
        }
    }

    private void checkReachable(FlowSet set) {
        Set<Target> seen = new HashSet<>();
        Deque<Target> todo = new ArrayDeque<>(List.of(set.welcome(), set.menu(), set.counsellor(), set.waiting(),
                set.returning()));
        set.triggers().forEach(t -> todo.add(t.target()));
        while (!todo.isEmpty()) {
            Target t = todo.pop();
            if (!seen.add(t)) {
                continue;
            }
            Node node = set.node(t);
            if (node.next() != null) {
                todo.add(node.next());
            }
            if (node.nextIfLanguageChosen() != null) {
                todo.add(node.nextIfLanguageChosen());
            }
            if (node.nextIfTrainingMinAge() != null) {
                todo.add(node.nextIfTrainingMinAge());
            }
            if (node.other() != null) {
                todo.add(node.other());
            }
            node.cases().forEach(c -> todo.add(c.target()));
        }
        for (Flow flow : set.flows().values()) {
            for (String node : flow.nodes().keySet()) {
                if (!seen.contains(new Target(flow.id(), node))) {
                    problems.add(flow.source() + ": node '" + node + "' is unreachable");
                }
            }
        }
    }

    private Map<String, Object> yamlMap(String file) {
        String text = files.apply(file);
        if (text == null) {
            problems.add(file + ": missing");
            return null;
        }
        try {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(10);
            options.setCodePointLimit(1024 * 1024);
            // a message key written twice silently lost its first text (a keyword list became a reply's text)
            options.setAllowDuplicateKeys(false);
            Object parsed = new Yaml(new SafeConstructor(options)).load(text);
            if (!(parsed instanceof Map<?, ?>)) {
                problems.add(file + ": must be a YAML mapping");
                return null;
            }
            return stringKeys(parsed);
        } catch (RuntimeException e) {
            String why = e instanceof DuplicateKeyException d ? d.getProblem()
                    : String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            problems.add(file + ": not valid YAML: " + why);
            return null;
        }
    }

    private Map<String, Object> map(Object raw, String where, String field) {
        if (raw == null) {
            problems.add(where + ": '" + field + "' is missing");
            return Map.of();
        }
        if (!(raw instanceof Map<?, ?>)) {
            problems.add(where + ": '" + field + "' must be a mapping");
            return Map.of();
        }
        return stringKeys(raw);
    }

    private static Map<String, Object> stringKeys(Object raw) {
        Map<String, Object> out = new LinkedHashMap<>();
        ((Map<?, ?>) raw).forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    private List<String> strings(Object raw, String where, String field) {
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof List<?> list)) {
            problems.add(where + ": '" + field + "' must be a list");
            return List.of();
        }
        return list.stream().map(String::valueOf).toList();
    }

    private String string(Object raw, String where, String field) {
        if (raw == null) {
            problems.add(where + ": '" + field + "' is missing");
            return null;
        }
        return String.valueOf(raw);
    }
}
