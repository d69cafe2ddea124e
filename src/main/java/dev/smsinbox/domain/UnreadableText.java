package dev.smsinbox.domain;

import java.util.HexFormat;

/**
 * What a customer sent when the inbox cannot read it as text: the data_coding it came under and its
 * octets, kept exactly (in hex) instead of a text guessed from them. The message's text is then
 * only the description "unreadable message (data coding 0x0F, 140 octets)".
 *
 * @param dataCoding the SMPP data_coding, 0 – 255
 * @param octets how many octets
 * @param hex the octets, two lower-case hex digits each
 */
public record UnreadableText(int dataCoding, int octets, String hex) {

  public static UnreadableText of(int dataCoding, byte[] octets) {
    return new UnreadableText(dataCoding, octets.length, HexFormat.of().formatHex(octets));
  }

  public byte[] bytes() {
    return HexFormat.of().parseHex(hex);
  }
}
