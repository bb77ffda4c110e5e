/**
 * Image input and output for the engine: bounded decoding of PNG/JPEG bytes into {@link
 * dev.vprompt.engine.image.RgbImage} with the pixel values Pillow's {@code convert('RGB')} / {@code convert('L')}
 * would give, Pillow-exact resampling ({@link dev.vprompt.engine.image.PilResize}), and PNG encoding of results.
 */
package dev.vprompt.engine.image;
