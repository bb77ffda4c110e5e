/**
 * Test support: a reader for NumPy {@code .npy} arrays (the reference vectors the official Python code wrote), used by
 * the parity tests of this module and, through this module's test jar ({@code vprompt-engine}, classifier {@code
 * tests}, test scope), by other modules' tests. Not part of the engine library.
 */
package dev.vprompt.engine.io;
