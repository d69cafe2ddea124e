package dev.smsinbox.it;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/** Starts the {@link Recorder} with the test run (black-box runs set it.recorder.port). */
public class RecorderSession implements LauncherSessionListener {

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    Recorder.startIfConfigured();
  }

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    Recorder.stop();
  }
}
