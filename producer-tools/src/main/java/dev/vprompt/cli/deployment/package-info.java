/**
 * Running prompt jobs against a deployment from inside the CLI: {@link
 * dev.vprompt.cli.deployment.InProcessDeployment} (the embedded Kafka + S3 stack and one worker in this JVM, what
 * {@code vp demo} and {@code vp eval} use when no deployment is named), {@link dev.vprompt.cli.deployment.JobStream}
 * (watch, submit, await with a progress bar, give up only after a stall) and {@link
 * dev.vprompt.cli.deployment.StackConnections} (a stack's endpoints as a client connection). Each class states its
 * threading contract.
 */
package dev.vprompt.cli.deployment;
