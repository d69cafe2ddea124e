/**
 * Small plain-Java helpers every layer may use (daemon threads and timers).
 *
 * <p>Rule: depends on nothing but the JDK (enforced by ArchitectureTest).
 */
package dev.smsinbox.support;
