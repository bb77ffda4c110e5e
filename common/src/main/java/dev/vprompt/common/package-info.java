/**
 * Helpers shared by several vprompt modules that would otherwise each keep a copy: {@link dev.vprompt.common.Problems}
 * collects every configuration problem so a module can report them all at once.
 */
package dev.vprompt.common;
