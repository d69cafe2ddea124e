/**
 * A small SMSC (SMPP 3.4 server) built on jSMPP, so the inbox can be tried and tested without a
 * carrier.
 *
 * <p>Two users: the demo run starts one inside the app on {@code SMPP_SIMULATOR_PORT} (default
 * 2775), so a newcomer can text the inbox as a customer and watch replies and delivery receipts
 * come back; and the black-box tests start one in the test JVM as the carrier's SMSC the app binds
 * to. It is not for production traffic: it accepts any system_id and password, keeps everything in
 * memory and listens on the loopback interface unless told otherwise.
 *
 * <p>Rule: the simulator itself is plain Java, jSMPP and {@code dev.smsinbox.sms} only (no CDI,
 * JAX-RS or Camel), so a test can construct {@link dev.smsinbox.runtime.simulator.SmscSimulator}
 * directly; {@code BuiltInSmsc} (its lifecycle in the server) and {@code SimulatorResource} (the
 * demo page's API, here rather than in adapter/rest so that no adapter ever sees the simulator) are
 * its face in the demo run. All SMS text goes through {@code dev.smsinbox.sms}, the product's
 * single codec, so the simulator reads and writes exactly what the app does.
 */
package dev.smsinbox.runtime.simulator;
