/**
 * Start-up and shutdown, configuration and wiring: Flyway migrates first, then demo data and the
 * built-in SMSC simulator (when enabled), then the CamelContext starts with our routes and the
 * integrators' route files. Health, metrics and the live event hub live here too.
 */
package dev.smsinbox.runtime;
