/**
 * Example retrieval (UnsupPR-style, with the served model's own features): a pool of labelled example pairs with one
 * embedding per example input ({@code ExamplePool}), its storage format ({@code ExamplePoolFormat}: a small JSON head
 * naming the current version, and one immutable binary index per version), and the nearest-neighbour choice of a
 * query's examples by cosine similarity ({@code NearestExamples}). No I/O: callers read and write the bytes.
 */
package dev.vprompt.engine.retrieval;
