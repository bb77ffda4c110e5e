/**
 * Image input and output for the engine: bounded decoding of encoded images into {@link
 * dev.vprompt.engine.image.RgbImage} with the pixel values Pillow's {@code convert('RGB')} / {@code convert('L')}
 * would give, Pillow-exact resampling ({@link dev.vprompt.engine.image.PilResize}), and PNG encoding of results.
 *
 * <p>Accepted formats, as the official code's Pillow opens them: PNG, JPEG (incl. CMYK and YCCK), GIF (first frame),
 * BMP, TIFF and WebP. Every one is pixel-exact with Pillow 9.4 on the tested files (src/test/resources/decode and
 * formats, made by the scripts in src/test/python) except lossy WebP, whose decoder is not libwebp: up to 64 levels
 * next to hard colour edges, 3 on average per sample. Known differences left: a GIF whose first frame is smaller
 * than its logical screen decodes to the frame's size (Pillow pads it to the screen); TIFFs with premultiplied alpha
 * keep the stored (premultiplied) colour.
 *
 * <p>Every size a header declares is checked against {@link dev.vprompt.engine.image.ImageLimits} (bytes, pixels,
 * longest side) before pixel memory is spent, and the resampler's buffers are bounded by the side limit.
 *
 * <p>Threading: every class here is stateless or immutable and safe to call from any number of threads at once.
 */
package dev.vprompt.engine.image;
