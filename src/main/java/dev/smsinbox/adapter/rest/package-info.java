/**
 * The inbox's REST API (CONTRACT.md): thin JAX-RS resources that parse, call one use case and map
 * the answer; errors leave as application/problem+json with a human detail. Live events leave as
 * Server-Sent Events.
 */
package dev.smsinbox.adapter.rest;
