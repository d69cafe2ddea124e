package dev.smsinbox.bench;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * Log lines as OpenLiberty writes them to messages.log ({@code [time] thread logger level
 * message}), so the benchmark pays for its log lines what the server pays, not for
 * java.util.logging's SimpleFormatter, which parses a format string for every line.
 */
public final class ServerLogFormat extends Formatter {

  @Override
  public String format(LogRecord r) {
    StringBuilder line = new StringBuilder(160);
    line.append('[');
    DateTimeFormatter.ISO_INSTANT.formatTo(r.getInstant(), line);
    line.append("] ")
        .append(Long.toHexString(r.getLongThreadID()))
        .append(' ')
        .append(r.getLoggerName())
        .append(' ')
        .append(r.getLevel().getName().charAt(0))
        .append(' ')
        .append(formatMessage(r))
        .append(System.lineSeparator());
    if (r.getThrown() != null) {
      StringWriter trace = new StringWriter();
      r.getThrown().printStackTrace(new PrintWriter(trace));
      line.append(trace);
    }
    return line.toString();
  }
}
