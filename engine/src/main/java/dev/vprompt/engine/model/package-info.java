/**
 * The MAE-VQGAN inference pass on DJL NDArrays (PyTorch engine): {@link dev.vprompt.engine.model.MaeVqgan} takes
 * canvases and returns inpaintings, reproducing the official {@code amirbar/visual_prompting} evaluation numerics.
 *
 * <p>Public: {@link dev.vprompt.engine.model.MaeVqgan}, {@link dev.vprompt.engine.model.MaeVqganConfig},
 * {@link dev.vprompt.engine.model.VqganConfig}, {@link dev.vprompt.engine.model.ModelOptions},
 * {@link dev.vprompt.engine.model.Precision}, {@link dev.vprompt.engine.model.DeviceInventory} (what libtorch sees),
 * {@link dev.vprompt.engine.model.DevicePlan} (a worker's devices),
 * {@link dev.vprompt.engine.model.EngineThreads} (libtorch's intra-op threads, per calling thread), {@link dev.vprompt.engine.model.Inpainting} and
 * {@link dev.vprompt.engine.model.ModelConfigException}. Everything else (blocks, weight storage, input packing) is an
 * implementation detail.
 */
package dev.vprompt.engine.model;
