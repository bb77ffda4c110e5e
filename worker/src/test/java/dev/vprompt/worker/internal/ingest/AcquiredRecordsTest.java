package dev.vprompt.worker.internal.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class AcquiredRecordsTest {

    private static final TopicPartition TP = new TopicPartition("jobs", 0);
    private static final long LOCK = TimeUnit.SECONDS.toNanos(30);

    private final List<String> acks = new ArrayList<>();
    private final AcquiredRecords acquired = new AcquiredRecords((r, type) -> acks.add(r.offset() + ":" + type.name()));

    private static ConsumerRecord<byte[], byte[]> record(long offset) {
        return new ConsumerRecord<>(TP.topic(), TP.partition(), offset, new byte[0], new byte[0]);
    }

    @Test
    void shouldAllowTheNextPollOnlyWhenEveryPolledRecordIsSettled() {
        // Given
        assertThat(acquired.polled(record(1), 0)).isTrue();
        assertThat(acquired.polled(record(2), 0)).isTrue();

        // When
        acquired.settle(TP, 1, AcknowledgeType.ACCEPT);

        // Then
        assertThat(acquired.mayPoll()).isFalse();
        acquired.settle(TP, 2, AcknowledgeType.REJECT);
        assertThat(acquired.mayPoll()).isTrue();
        assertThat(acks).containsExactly("1:ACCEPT", "2:REJECT");
        assertThat(acquired.size()).isZero();
        assertThat(acquired.takeUnsent()).isEqualTo(2);
        assertThat(acquired.takeUnsent()).isZero();
    }

    @Test
    void shouldRenewOnlyWhenHalfTheLockHasPassedAndLetThePollHandTheRecordsBack() {
        // Given
        acquired.polled(record(7), 0);
        assertThat(acquired.renewDue(LOCK / 2 - 1, LOCK)).isFalse();
        assertThat(acquired.renewDue(LOCK / 2, LOCK)).isTrue();

        // When
        assertThat(acquired.renewAll()).isEqualTo(1);

        // Then: the next poll may run and hands the record back, which is not new
        assertThat(acquired.mayPoll()).isTrue();
        assertThat(acquired.awaitingReturn()).isTrue();
        assertThat(acquired.polled(record(7), LOCK)).isFalse();
        assertThat(acquired.renewDue(LOCK, LOCK)).isFalse();
        assertThat(acquired.mayPoll()).isFalse();
        assertThat(acks).containsExactly("7:RENEW");
    }

    @Test
    void shouldHoldAnOutcomeUntilTheRenewedRecordComesBackWhenItArrivesInBetween() {
        // Given
        acquired.polled(record(3), 0);
        acquired.renewAll();

        // When: the flow finishes the job before the poll hands the record back
        acquired.settle(TP, 3, AcknowledgeType.ACCEPT);

        // Then: nothing is acknowledged yet (the client would refuse it); then the poll brings it back and it is
        assertThat(acks).containsExactly("3:RENEW");
        assertThat(acquired.polled(record(3), 1)).isFalse();
        assertThat(acks).containsExactly("3:RENEW", "3:ACCEPT");
        assertThat(acquired.size()).isZero();
    }

    @Test
    void shouldForgetRenewedRecordsWhenTheBrokerRefusedTheirRenewal() {
        // Given
        acquired.polled(record(4), 0);
        acquired.polled(record(5), 0);
        acquired.renewAll();

        // When
        acquired.lost(TP, Set.of(4L));

        // Then
        assertThat(acquired.size()).isEqualTo(1);
        acquired.settle(TP, 4, AcknowledgeType.ACCEPT);
        assertThat(acks).containsExactlyInAnyOrder("4:RENEW", "5:RENEW");
    }

    @Test
    void shouldReleaseTheCurrentFetchWhenClosing() {
        // Given
        acquired.polled(record(8), 0);
        acquired.polled(record(9), 0);
        acquired.settle(TP, 8, AcknowledgeType.ACCEPT);

        // When
        int released = acquired.releaseAll();

        // Then
        assertThat(released).isEqualTo(1);
        assertThat(acks).containsExactly("8:ACCEPT", "9:RELEASE");
        assertThat(acquired.size()).isZero();
    }
}
