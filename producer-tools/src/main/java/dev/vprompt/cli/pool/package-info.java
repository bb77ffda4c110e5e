/**
 * {@code vp pool}: example pools for retrieval. {@code PoolBuilder} embeds example inputs with the served model and
 * writes the pool (head and index, the engine's {@code ExamplePoolFormat}) to object storage; {@code PoolBuildCommand}
 * is {@code vp pool build}, which pairs the inputs and outputs found under two S3 prefixes. {@code vp eval
 * --retrieval pool} builds its pools with the same builder.
 */
package dev.vprompt.cli.pool;
