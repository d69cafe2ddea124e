/**
 * The inbox's use cases (receive, reply, dispatch, receipts, read, search) and the ports they need
 * (UnitOfWork, SmsGateway, InboxEvents). Plain Java wired by the runtime; adapters call in, ports
 * call out. A use case runs each change in one unit of work, so what the carrier or an admin was
 * told has happened is committed.
 */
package dev.smsinbox.application;
