package dev.vprompt.worker.internal.ingest;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListShareGroupOffsetsSpec;
import org.apache.kafka.clients.admin.SharePartitionOffsetInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The share group's settings that the worker depends on, read (and where needed set) through the Admin API, and the
 * group's backlog for the lag gauge.
 *
 * <ul>
 *   <li>{@code share.auto.offset.reset}: Kafka starts a new share group at the end of the topic ({@code latest}), which
 *       would skip jobs submitted before the first worker joined. Unless the group has its own value, the worker sets
 *       {@code earliest}, as its consumer group does.
 *   <li>{@code share.delivery.count.limit}: the worker dead-letters a record on its last allowed delivery.
 *   <li>{@code share.renew.acknowledge.enable}: whether acquisition locks may be renewed.
 * </ul>
 *
 * Any of this may be refused (no ALTER_CONFIGS/DESCRIBE_CONFIGS permission on the group, an older broker): the worker
 * then goes on with Kafka's defaults and says so.
 *
 * <p>Threading: {@link #prepare()} blocks and is called on the consumer thread before it subscribes; {@link
 * #measureLag} returns at once and calls back on the Admin client's thread. {@link #close()} once, on the consumer
 * thread.
 */
final class ShareGroupAdmin implements AutoCloseable {

    /** Kafka's default {@code group.share.delivery.count.limit}. */
    static final int DEFAULT_DELIVERY_LIMIT = 5;

    static final String AUTO_OFFSET_RESET = "share.auto.offset.reset";
    static final String DELIVERY_COUNT_LIMIT = "share.delivery.count.limit";
    static final String RENEW_ENABLE = "share.renew.acknowledge.enable";

    private static final Logger LOGGER = LoggerFactory.getLogger(ShareGroupAdmin.class);
    private static final long TIMEOUT_MILLIS = 10_000;

    /** What the worker learned about its share group. */
    record GroupSettings(int deliveryLimit, boolean renewEnabled) {}

    private final String groupId;
    private final String topic;
    private final Admin admin;

    ShareGroupAdmin(String bootstrapServers, String groupId, String topic, Map<String, String> clientProperties) {
        this.groupId = groupId;
        this.topic = topic;
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(
                AdminClientConfig.CLIENT_ID_CONFIG,
                "vp-share-admin-" + ProcessHandle.current().pid());
        this.admin = Admin.create(props);
    }

    /** Reads the group's settings and makes a new group start at the earliest offset; never throws. */
    GroupSettings prepare() {
        ConfigResource group = new ConfigResource(ConfigResource.Type.GROUP, groupId);
        Config config;
        try {
            config = admin.describeConfigs(List.of(group))
                    .all()
                    .get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                    .get(group);
        } catch (Exception e) {
            interruptedAgain(e);
            LOGGER.warn(
                    "cannot read the configuration of share group {} ({}); assuming Kafka's defaults: delivery limit {},"
                            + " no lock renewal, and a new group starts at the end of {}",
                    groupId,
                    e.toString(),
                    DEFAULT_DELIVERY_LIMIT,
                    topic);
            return new GroupSettings(DEFAULT_DELIVERY_LIMIT, false);
        }
        startAtEarliest(group, config.get(AUTO_OFFSET_RESET));
        GroupSettings settings = new GroupSettings(
                intValue(config.get(DELIVERY_COUNT_LIMIT), DEFAULT_DELIVERY_LIMIT),
                config.get(RENEW_ENABLE) != null
                        && Boolean.parseBoolean(config.get(RENEW_ENABLE).value()));
        LOGGER.info(
                "share group {}: delivery limit {}, lock renewal {}",
                groupId,
                settings.deliveryLimit(),
                settings.renewEnabled() ? "on" : "off (jobs longer than the acquisition lock are redelivered)");
        return settings;
    }

    private void startAtEarliest(ConfigResource group, ConfigEntry reset) {
        if (reset != null && reset.source() != ConfigEntry.ConfigSource.DEFAULT_CONFIG) {
            return; // the operator chose
        }
        try {
            admin.incrementalAlterConfigs(Map.of(
                            group,
                            List.of(new AlterConfigOp(
                                    new ConfigEntry(AUTO_OFFSET_RESET, "earliest"), AlterConfigOp.OpType.SET))))
                    .all()
                    .get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            LOGGER.info("share group {} set to start at the earliest offset of {}", groupId, topic);
        } catch (Exception e) {
            interruptedAgain(e);
            LOGGER.warn(
                    "cannot set {}=earliest on share group {} ({}): a new group starts at the end of {}",
                    AUTO_OFFSET_RESET,
                    groupId,
                    e.toString(),
                    topic);
        }
    }

    /** Asks the broker for the group's backlog on the jobs topic; {@code sink} gets the sum when it answers. */
    void measureLag(LongConsumer sink) {
        admin.listShareGroupOffsets(Map.of(groupId, new ListShareGroupOffsetsSpec()))
                .partitionsToOffsetInfo(groupId)
                .whenComplete((offsets, error) -> {
                    if (error != null) {
                        LOGGER.debug("share group lag not measured: {}", error.toString());
                        return;
                    }
                    long sum = 0;
                    for (Map.Entry<TopicPartition, SharePartitionOffsetInfo> e : offsets.entrySet()) {
                        if (e.getKey().topic().equals(topic) && e.getValue() != null) {
                            sum += e.getValue().lag().orElse(0L);
                        }
                    }
                    sink.accept(sum);
                });
    }

    private static int intValue(ConfigEntry entry, int fallback) {
        try {
            return entry == null ? fallback : Integer.parseInt(entry.value());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static void interruptedAgain(Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
