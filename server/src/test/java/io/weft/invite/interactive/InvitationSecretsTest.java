package io.weft.invite.interactive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The code people carry and the PIN they read out, and what is kept of them. */
class InvitationSecretsTest {
  @Test
  void aCodeIsEightyRandomBitsOfCrockfordBase32InGroupsOfFour() {
    Set<String> seen = new HashSet<>();
    Set<Character> symbols = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String code = InvitationSecrets.newCode();
      assertTrue(code.matches("[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}"), code);
      assertTrue(seen.add(code));
      code.replace("-", "").chars().forEach(c -> symbols.add((char) c));
    }
    assertEquals(32, symbols.size(), "16 symbols each drawn from all 32: 80 bits");
  }

  @Test
  void aCodeIsReadWhateverItsCaseSpacesHyphensAndLookAlikeLetters() {
    String code = "7K2M-Q9XD-4WHC-0TB1";
    String hash = InvitationSecrets.codeHash(code);
    assertEquals(hash, InvitationSecrets.codeHash("7k2m q9xd 4whc otbl"));
    assertEquals(hash, InvitationSecrets.codeHash(" 7K2MQ9XD4WHC0TBI "));
    assertNotEquals(hash, InvitationSecrets.codeHash("7K2M-Q9XD-4WHC-0TB2"));
    assertFalse(hash.contains("7K2M"), "only a hash is kept");
  }

  @Test
  void aPinIsSixDigitsKeptOnlySaltedAndHashed() {
    String pin = InvitationSecrets.newPin();
    assertTrue(pin.matches("[0-9]{6}"), pin);
    String stored = InvitationSecrets.pinHash("inv1", pin);
    assertFalse(stored.contains(pin), stored);
    assertNotEquals(stored, InvitationSecrets.pinHash("inv1", pin), "a fresh salt each time");
    assertTrue(InvitationSecrets.pinMatches("inv1", stored, pin));
    assertTrue(InvitationSecrets.pinMatches("inv1", stored, " " + pin + " "));
    assertFalse(InvitationSecrets.pinMatches("inv2", stored, pin), "a PIN opens only its own invitation");
    assertFalse(InvitationSecrets.pinMatches("inv1", stored, String.format("%06d", (Integer.parseInt(pin) + 1) % 1_000_000)));
    assertFalse(InvitationSecrets.pinMatches("inv1", null, pin));
  }

  @Test
  void theVerificationPhraseIsFourWordsFixedByTheInvitationAndTheGuest() {
    String phrase = VerificationPhrase.of("inv1", "bob:test");
    assertEquals(4, phrase.split(" ").length);
    assertEquals(phrase, VerificationPhrase.of("inv1", "bob:test"));
    assertNotEquals(phrase, VerificationPhrase.of("inv1", "carol:test"));
    assertNotEquals(phrase, VerificationPhrase.of("inv2", "bob:test"));
  }
}
