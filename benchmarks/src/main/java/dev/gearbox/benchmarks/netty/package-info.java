/**
 * The Netty side of the I/O shoot-out ({@code benchmarks/io-shootout.sh}): an HTTP hello server
 * answering the same bytes as the examples' {@code HttpServer}, and a TCP echo server, both on
 * Netty's NIO transport, so that Gearbox's servers can be loaded beside them on the same JDK, with
 * the same clients, in the same run. Netty is a dependency of this module only.
 */
package dev.gearbox.benchmarks.netty;
