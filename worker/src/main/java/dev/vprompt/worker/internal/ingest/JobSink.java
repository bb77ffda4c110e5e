package dev.vprompt.worker.internal.ingest;

import java.util.Collection;
import java.util.List;
import org.apache.kafka.common.TopicPartition;

/** Receives what a {@link JobSource} polls. Every method is called on the executor given to the source. */
public interface JobSink {

    void onRecords(List<JobRecord> records);

    /** Partitions this worker no longer owns; their in-flight jobs must not be published or committed. */
    void onPartitionsGone(Collection<TopicPartition> partitions);
}
