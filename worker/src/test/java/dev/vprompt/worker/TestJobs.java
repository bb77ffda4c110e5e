package dev.vprompt.worker;

import dev.vprompt.schemas.ExamplePair;
import dev.vprompt.schemas.ObjectRef;
import dev.vprompt.schemas.OutputLocation;
import dev.vprompt.schemas.PromptJob;
import dev.vprompt.schemas.PromptLayout;
import dev.vprompt.schemas.Task;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Prompt jobs for unit tests: images in bucket {@code images}, results under {@code results/p}. */
public final class TestJobs {

    private TestJobs() {}

    /** A reference to {@code key} in the {@code images} bucket. */
    public static ObjectRef ref(String key) {
        return ObjectRef.newBuilder().setBucket("images").setKey(key).build();
    }

    /** A job with example pairs {@code (<prefix>in<i>, <prefix>out<i>)} and query {@code query}. */
    public static PromptJob job(Task task, PromptLayout layout, int pairs, String examplePrefix, String query) {
        List<ExamplePair> examples = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            examples.add(ExamplePair.newBuilder()
                    .setInput(ref(examplePrefix + "in" + i))
                    .setOutput(ref(examplePrefix + "out" + i))
                    .build());
        }
        return PromptJob.newBuilder()
                .setJobId("job-" + query)
                .setSubmittedAt(Instant.now())
                .setTask(task)
                .setLayout(layout)
                .setExamples(examples)
                .setQuery(ref(query))
                .setOutput(OutputLocation.newBuilder()
                        .setBucket("results")
                        .setPrefix("p")
                        .build())
                .build();
    }
}
