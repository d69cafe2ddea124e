/**
 * Reading the web pages an admin allowed draft replies to use (jsoup): bounded in size, time and
 * redirects, and refusing private and loopback addresses unless configured otherwise.
 */
package dev.smsinbox.adapter.web;
