package dev.vprompt.worker.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The Kafka client properties on which the worker's delivery guarantee rests, which {@code kafka.clientProperties}
 * may not override. The worker commits a job's offset only after its results and completion event are acknowledged,
 * reads only committed records, and publishes with an idempotent {@code acks=all} producer; a client property that
 * changed one of these would silently lose or duplicate jobs, so it fails startup instead (with the safe value of a
 * property accepted, since it changes nothing). Stateless.
 *
 * <table>
 *   <caption>Refused overrides</caption>
 *   <tr><th>property</th><th>accepted</th><th>why</th></tr>
 *   <tr><td>{@code enable.auto.commit}</td><td>{@code false}</td><td>auto-commit loses jobs in a crash</td></tr>
 *   <tr><td>{@code isolation.level}</td><td>{@code read_committed}</td><td>jobs of aborted transactions must not
 *       run</td></tr>
 *   <tr><td>{@code auto.offset.reset}</td><td>{@code earliest}</td><td>a new group must not skip waiting jobs</td></tr>
 *   <tr><td>{@code acks}</td><td>{@code all}, {@code -1}</td><td>a completion must survive a broker loss before its
 *       job is committed</td></tr>
 *   <tr><td>{@code enable.idempotence}</td><td>{@code true}</td><td>retries must not duplicate events</td></tr>
 *   <tr><td>{@code max.in.flight.requests.per.connection}</td><td>1 to 5</td><td>more breaks idempotent
 *       ordering</td></tr>
 *   <tr><td>{@code group.id}, {@code bootstrap.servers}, {@code max.poll.records}</td><td>none</td><td>settings of
 *       their own ({@code kafka.groupId}, ...)</td></tr>
 *   <tr><td>{@code key.*} / {@code value.*} (de)serializers</td><td>none</td><td>the worker reads and writes raw
 *       bytes</td></tr>
 *   <tr><td>{@code transactional.id}</td><td>none</td><td>a setting of its own ({@code kafka.transactionalId}, used
 *       in exactly-once mode only)</td></tr>
 * </table>
 */
final class DeliveryProperties {

    /** A refused property: which values are still accepted and why it matters. */
    private record Rule(Predicate<String> accepted, String why) {}

    private static final Predicate<String> NONE = v -> false;

    private static final Map<String, Rule> RULES = rules();

    private DeliveryProperties() {}

    private static Map<String, Rule> rules() {
        Map<String, Rule> r = new TreeMap<>();
        r.put(
                "enable.auto.commit",
                new Rule(is("false"), "the worker commits after publishing; auto-commit loses jobs"));
        r.put("isolation.level", new Rule(is("read_committed"), "jobs of aborted transactions must not run"));
        r.put("auto.offset.reset", new Rule(is("earliest"), "a new group must not skip jobs already waiting"));
        r.put(
                "acks",
                new Rule(
                        v -> is("all").test(v) || is("-1").test(v),
                        "completions must be acknowledged by all replicas"));
        r.put("enable.idempotence", new Rule(is("true"), "retried sends must not duplicate events"));
        r.put(
                "max.in.flight.requests.per.connection",
                new Rule(DeliveryProperties::atMostFive, "more than 5 breaks the idempotent producer's ordering"));
        r.put("group.id", new Rule(NONE, "set kafka.groupId"));
        r.put("bootstrap.servers", new Rule(NONE, "set kafka.bootstrapServers"));
        r.put("max.poll.records", new Rule(NONE, "set kafka.maxPollRecords"));
        r.put("transactional.id", new Rule(NONE, "set kafka.transactionalId (delivery: exactly-once)"));
        for (String s : Set.of("key.serializer", "value.serializer", "key.deserializer", "value.deserializer")) {
            r.put(s, new Rule(NONE, "the worker reads and writes raw bytes"));
        }
        return r;
    }

    /** Names of every property the worker refuses to let {@code kafka.clientProperties} change. */
    static Set<String> names() {
        return RULES.keySet();
    }

    /** One problem listing every refused override in {@code clientProperties}, or nothing. */
    static List<String> problems(Map<String, String> clientProperties) {
        List<String> refused = new ArrayList<>();
        new TreeMap<>(clientProperties).forEach((name, value) -> {
            Rule rule = RULES.get(name);
            if (rule != null && (value == null || !rule.accepted().test(value.strip()))) {
                refused.add(name + "=" + value + " (" + rule.why() + ")");
            }
        });
        return refused.isEmpty()
                ? List.of()
                : List.of("kafka.clientProperties may not override delivery-critical properties: "
                        + String.join("; ", refused));
    }

    private static Predicate<String> is(String safe) {
        return v -> v.toLowerCase(Locale.ROOT).equals(safe);
    }

    private static boolean atMostFive(String v) {
        try {
            int n = Integer.parseInt(v);
            return n >= 1 && n <= 5;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
