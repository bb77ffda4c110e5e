package dev.vprompt.worker.infer;

import dev.vprompt.engine.canvas.Arrangement;
import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.engine.canvas.CanvasBuilder;
import dev.vprompt.engine.checkpoint.Checkpoints;
import dev.vprompt.engine.checkpoint.StateDict;
import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.engine.model.DeviceInventory;
import dev.vprompt.engine.model.DevicePlan;
import dev.vprompt.engine.model.EngineThreads;
import dev.vprompt.engine.model.MaeVqgan;
import dev.vprompt.engine.model.MaeVqganConfig;
import dev.vprompt.engine.model.ModelOptions;
import dev.vprompt.engine.model.Precision;
import dev.vprompt.worker.config.ModelSettings;
import io.minio.GetObjectArgs;
import io.minio.MinioAsyncClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves the configured model: downloads an {@code s3://} checkpoint, verifies its sha256, reads it once
 * (memory-mapped), and creates one warmed-up backend per device on demand. With no checkpoint configured it serves
 * the project's trained small model built into the jar ({@link BundledModel}); {@code model.path: random} serves a
 * small randomly initialised model of the official architecture and says loudly that its outputs are meaningless.
 *
 * <p>Thread-safe: {@link #backend(String)} is called once by each inference thread, which then owns what it gets.
 */
public final class ModelRuntime {

    private static final Logger LOGGER = LoggerFactory.getLogger(ModelRuntime.class);

    /** Seed of the random model served when no checkpoint is configured. */
    public static final long RANDOM_SEED = 20221128L;

    /**
     * The architecture of the random model served without a checkpoint: the official MAE-VQGAN layout at a small
     * size (the reference fixture's), so a CPU demo stays fast.
     */
    public static final MaeVqganConfig RANDOM_CONFIG = MaeVqganConfig.tiny();

    private final ModelSettings settings;
    private final ModelIdentity identity;
    private final MaeVqganConfig config;
    private final StateDict weights;
    private final List<String> devices;

    private ModelRuntime(
            ModelSettings settings,
            ModelIdentity identity,
            MaeVqganConfig config,
            StateDict weights,
            List<String> devices) {
        this.settings = settings;
        this.identity = identity;
        this.config = config;
        this.weights = weights;
        this.devices = devices;
    }

    /** Resolves the model; blocking (call it at startup, never on the event loop). */
    public static ModelRuntime create(ModelSettings settings, MinioAsyncClient s3) throws Exception {
        if (settings.nullModel()) {
            LOGGER.warn("serving the NULL model: outputs are the input canvases (pipeline measurements only)");
            return new ModelRuntime(settings, ModelIdentity.nullModel(settings.id()), null, null, List.of("cpu"));
        }
        List<String> devices = resolveDevices(settings);
        if (ModelSettings.RANDOM.equals(settings.path())) {
            LOGGER.warn(
                    "*** model.path is '{}': serving a RANDOMLY INITIALISED MAE-VQGAN (seed {}); its outputs are "
                            + "MEANINGLESS. Leave model.path unset for the built-in trained model, or set it to a "
                            + "checkpoint. ***",
                    ModelSettings.RANDOM,
                    RANDOM_SEED);
            return new ModelRuntime(
                    settings, ModelIdentity.randomSeed(settings.id(), RANDOM_SEED), RANDOM_CONFIG, null, devices);
        }
        if (settings.path() == null || ModelSettings.BUNDLED.equals(settings.path())) {
            return bundled(settings, devices);
        }
        Path file = localCopy(settings.path(), s3);
        String sha = sha256(file);
        if (settings.sha256() != null && !settings.sha256().equalsIgnoreCase(sha)) {
            throw new IllegalStateException(
                    "checkpoint " + settings.path() + " has sha256 " + sha + ", expected " + settings.sha256());
        }
        MaeVqganConfig config = settings.config() == null
                ? MaeVqganConfig.official()
                : MaeVqganConfig.fromJson(Path.of(settings.config()));
        StateDict weights = Checkpoints.load(file);
        LOGGER.info("model {} from {} (sha256 {}), {} tensors", settings.id(), settings.path(), sha, weights.size());
        return new ModelRuntime(
                settings, ModelIdentity.checkpoint(settings.id(), settings.path(), sha), config, weights, devices);
    }

    /** The trained model built into the jar, with its own architecture. */
    private static ModelRuntime bundled(ModelSettings settings, List<String> devices) throws IOException {
        long start = System.nanoTime();
        Path file = BundledModel.checkpoint();
        String sha = sha256(file);
        if (settings.sha256() != null && !settings.sha256().equalsIgnoreCase(sha)) {
            throw new IllegalStateException(
                    "the bundled model has sha256 " + sha + ", model.sha256 expects " + settings.sha256());
        }
        MaeVqganConfig config = BundledModel.config();
        StateDict weights = Checkpoints.load(file);
        LOGGER.info(
                "model {}: the built-in {} (sha256 {}), {} tensors, read in {} ms",
                settings.id(),
                BundledModel.NAME,
                sha,
                weights.size(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        return new ModelRuntime(
                settings,
                ModelIdentity.checkpoint(settings.id(), BundledModel.NAME + ".pth", sha),
                config,
                weights,
                devices);
    }

    /** One thread per device; the decision and what libtorch sees go to the log in one line. */
    private static List<String> resolveDevices(ModelSettings settings) {
        DevicePlan plan = DevicePlan.resolve(
                settings.devices(), Precision.valueOf(settings.precision()), DeviceInventory.probe());
        LOGGER.info("{}", plan.summary());
        return plan.devices();
    }

    public ModelIdentity identity() {
        return identity;
    }

    /** The devices to run one inference thread on each. */
    public List<String> devices() {
        return devices;
    }

    /**
     * Creates and warms up the backend for one device; called on that device's inference thread, whose libtorch
     * intra-op thread count it sets first ({@link #intraOpThreads}).
     */
    public InferenceBackend backend(String device) {
        if (settings.nullModel()) {
            return new NullBackend();
        }
        int threads = intraOpThreads(
                settings.intraOpThreads(), device, devices, Runtime.getRuntime().availableProcessors());
        if (threads > 0) {
            EngineThreads.setIntraOpThreads(threads);
        }
        ModelOptions opts =
                ModelOptions.defaults().withDevice(device).withPrecision(Precision.valueOf(settings.precision()));
        MaeVqgan model =
                weights == null ? MaeVqgan.random(config, RANDOM_SEED, opts) : MaeVqgan.load(weights, config, opts);
        EngineBackend backend = new EngineBackend(model);
        long t0 = System.nanoTime();
        backend.infer(List.of(warmUpCanvas()));
        LOGGER.info(
                "model ready on {} ({} parameters, {} intra-op threads, warm-up {} ms)",
                model.deviceName(),
                model.parameterCount(),
                EngineThreads.intraOpThreads(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        return backend;
    }

    /**
     * libtorch intra-op threads for the inference thread of {@code device}: the configured count when it is positive;
     * else, on the CPU, the cores shared evenly among the CPU devices (at least one each), so that two CPU devices on
     * a machine do not both run an operator over every core; else (a GPU) 0, leaving libtorch's default.
     */
    static int intraOpThreads(int configured, String device, List<String> devices, int cores) {
        if (configured > 0) {
            return configured;
        }
        if (!ModelOptions.CPU.equals(device)) {
            return 0;
        }
        long cpuDevices = devices.stream().filter(ModelOptions.CPU::equals).count();
        return (int) Math.max(1, cores / Math.max(1, cpuDevices));
    }

    private static Canvas warmUpCanvas() {
        RgbImage grey = RgbImage.filled(32, 32, 128, 128, 128);
        return new CanvasBuilder().grid2x2(Arrangement.STANDARD, grey, grey, grey, null);
    }

    private static Path localCopy(String location, MinioAsyncClient s3) throws Exception {
        if (!location.startsWith("s3://")) {
            Path p = Path.of(location);
            if (!Files.isRegularFile(p)) {
                throw new IllegalStateException("model.path " + location + " is not a file");
            }
            return p;
        }
        String rest = location.substring("s3://".length());
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            throw new IllegalStateException("model.path must be s3://bucket/key, was " + location);
        }
        Path tmp = Files.createTempFile("vp-model-", rest.endsWith(".safetensors") ? ".safetensors" : ".pth");
        tmp.toFile().deleteOnExit();
        LOGGER.info("downloading model from {}", location);
        try (InputStream in = s3.getObject(GetObjectArgs.builder()
                        .bucket(rest.substring(0, slash))
                        .object(rest.substring(slash + 1))
                        .build())
                .get(30, TimeUnit.MINUTES)) {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        }
        return tmp;
    }

    static String sha256(Path file) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
