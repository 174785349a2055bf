package io.weft.invite.interactive;

import io.weft.auth.Secrets;
import java.util.HexFormat;

/**
 * A short phrase both sides of an interactive invitation are shown (four words, from 256), derived from
 * the invitation and the guest, so the inviter and the guest can tell, by reading it to each other,
 * that they are talking about the same invitation and the same person. It is not a secret.
 */
final class VerificationPhrase {
  private static final int WORDS = 4;
  private static final String[] LIST = {
      "acorn", "amber", "anchor", "apple", "arrow", "aspen", "badge", "bamboo", "banjo", "barley", "basil",
      "beacon", "bean", "beetle", "berry", "birch", "bison", "blossom", "bonnet", "bottle", "breeze", "brick",
      "bridge", "brook", "bucket", "buffalo", "butter", "cabin", "cactus", "camel", "candle", "canoe", "canyon",
      "carrot", "castle", "cedar", "cello", "chalk", "cherry", "chess", "cider", "cinema", "circus", "clover",
      "cobalt", "cocoa", "comet", "coral", "cotton", "cradle", "crane", "crayon", "cricket", "crystal", "cupcake",
      "dahlia", "daisy", "delta", "desert", "diamond", "dingo", "dolphin", "domino", "dragon", "drum", "eagle",
      "echo", "ember", "falcon", "feather", "fern", "fiddle", "fig", "flame", "flute", "forest", "fossil",
      "fountain", "fox", "galaxy", "garden", "garlic", "gecko", "geyser", "ginger", "glacier", "globe", "goose",
      "granite", "grape", "gravel", "guitar", "hammock", "harbor", "harp", "hazel", "hedge", "heron", "hickory",
      "honey", "horizon", "husky", "iceberg", "igloo", "indigo", "iris", "island", "ivory", "jade", "jaguar",
      "jasmine", "jelly", "jigsaw", "jungle", "kayak", "kettle", "kiwi", "koala", "ladder", "lagoon", "lantern",
      "lava", "lemon", "lilac", "lily", "lime", "linen", "lizard", "llama", "lobster", "locket", "lotus", "lynx",
      "magnet", "mango", "maple", "marble", "meadow", "melon", "meteor", "mint", "mirror", "mitten", "monsoon",
      "moose", "mosaic", "moss", "muffin", "nectar", "needle", "nest", "nickel", "nutmeg", "oak", "oasis", "ocean",
      "olive", "onion", "orbit", "orchid", "otter", "owl", "oyster", "paddle", "panda", "papaya", "parrot",
      "peach", "peanut", "pebble", "pepper", "piano", "pigeon", "pine", "planet", "plum", "pocket", "pony",
      "poppy", "prairie", "pretzel", "pumpkin", "quartz", "quill", "rabbit", "radish", "raven", "reef", "ribbon",
      "river", "robin", "rocket", "rose", "ruby", "saddle", "saffron", "salmon", "sapphire", "satin", "scarf",
      "shell", "silver", "sketch", "sled", "snail", "sparrow", "spice", "spruce", "squash", "star", "stone",
      "sugar", "summit", "sunset", "swan", "tangerine", "teapot", "thistle", "thunder", "tiger", "timber",
      "tomato", "topaz", "tortoise", "tulip", "tundra", "turnip", "umbrella", "valley", "velvet", "violet",
      "volcano", "walnut", "walrus", "wave", "whale", "willow", "window", "winter", "wolf", "yarrow", "yogurt",
      "zebra", "zephyr", "zinnia", "badger", "cargo", "dune", "fable", "glove", "hatch", "jewel", "marsh",
      "noodle", "pillow", "ranch"
  };

  private VerificationPhrase() {
  }

  static String of(String invitationId, String guestUserId) {
    byte[] digest = HexFormat.of().parseHex(Secrets.hash("verification:" + invitationId + ":" + guestUserId));
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < WORDS; i++) {
      out.append(i == 0 ? "" : " ").append(LIST[digest[i] & 0xff]);
    }
    return out.toString();
  }
}
