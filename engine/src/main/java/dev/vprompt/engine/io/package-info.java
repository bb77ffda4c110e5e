/**
 * Small readers for reference data files, e.g. NumPy {@code .npy} arrays written by the official Python code, used by
 * parity tests across the engine and by tools that compare against reference vectors.
 */
package dev.vprompt.engine.io;
