package dev.vprompt.cli.input;

import dev.vprompt.client.ImageUploader;
import dev.vprompt.client.JobSubmitter;
import dev.vprompt.client.JobTemplate;
import dev.vprompt.schemas.ExamplePair;
import dev.vprompt.schemas.ObjectRef;
import dev.vprompt.schemas.PromptJob;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * Uploads the local images of {@link LocalJob}s (each distinct file once) and builds their {@link PromptJob}s from a
 * {@link JobTemplate}, per-job fields overriding the template's.
 *
 * <p>Not thread-safe: one preparation per instance, on one thread.
 */
public final class JobPreparer {

    private final ImageUploader uploader;
    private final JobTemplate template;
    private final Map<ImageSource, ObjectRef> refs = new HashMap<>();

    public JobPreparer(ImageUploader uploader, JobTemplate template) {
        this.uploader = uploader;
        this.template = template;
    }

    /** The distinct local files the jobs reference (what {@link #prepare} uploads). */
    public static Set<ImageSource.Local> localFiles(List<LocalJob> jobs) {
        Set<ImageSource.Local> files = new LinkedHashSet<>();
        for (LocalJob j : jobs) {
            for (LocalJob.Pair p : j.examples()) {
                addLocal(files, p.input());
                addLocal(files, p.output());
            }
            addLocal(files, j.query());
            addLocal(files, j.groundTruth());
        }
        return files;
    }

    private static void addLocal(Set<ImageSource.Local> files, ImageSource s) {
        if (s instanceof ImageSource.Local l) {
            files.add(l);
        }
    }

    /**
     * Uploads every local file, then builds the jobs.
     *
     * @param onUploaded called with the running count of files uploaded
     */
    public List<PromptJob> prepare(List<LocalJob> jobs, IntConsumer onUploaded) {
        int n = 0;
        for (ImageSource.Local file : localFiles(jobs)) {
            refs.put(file, uploader.upload(file.file()));
            onUploaded.accept(++n);
        }
        Instant now = Instant.now();
        List<PromptJob> out = new ArrayList<>(jobs.size());
        for (LocalJob j : jobs) {
            out.add(build(j, now));
        }
        return out;
    }

    private PromptJob build(LocalJob j, Instant now) {
        List<ExamplePair> pairs = new ArrayList<>();
        for (LocalJob.Pair p : j.examples()) {
            pairs.add(JobTemplate.pair(ref(p.input()), ref(p.output())));
        }
        Map<String, String> attributes = new HashMap<>(template.attributes());
        attributes.putAll(j.attributes());
        JobTemplate t = new JobTemplate(
                j.task() == null ? template.task() : j.task(),
                j.layout() == null ? template.layout() : j.layout(),
                j.ensemble() == null ? template.ensemble() : j.ensemble(),
                j.priority() == null ? template.priority() : j.priority(),
                template.deadline(),
                template.model(),
                template.resultsBucket(),
                template.resultsPrefix(),
                attributes);
        String id = j.jobId() == null ? JobSubmitter.newJobId(j.name()) : j.jobId();
        return t.job(id, pairs, ref(j.query()), j.groundTruth() == null ? null : ref(j.groundTruth()), now);
    }

    private ObjectRef ref(ImageSource s) {
        if (s instanceof ImageSource.Remote r) {
            return r.ref();
        }
        ObjectRef ref = refs.get(s);
        if (ref == null) {
            throw new IllegalStateException("not uploaded: " + s);
        }
        return ref;
    }
}
