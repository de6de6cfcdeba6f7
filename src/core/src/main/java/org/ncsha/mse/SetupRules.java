package org.ncsha.mse;

import java.util.Optional;

/**
 * The rules the MSE setup script checks each answer against, worded as the guide's prompts
 * state them; a refusal names the parameter and the rule, and the prompt is asked again.
 */
public final class SetupRules {
  private SetupRules() {}

  /** An answer to "(Y)es/(S)kip/(U)se default [Skip]". */
  public enum Choice { YES, SKIP, USE_DEFAULT }

  /**
   * Reads a "(Y)es/(S)kip/(U)se default" answer; an empty answer takes the prompt's default.
   *
   * @throws IllegalArgumentException naming the accepted answers
   */
  public static Choice choice(String answer, Choice byDefault) {
    String a = answer == null ? "" : answer.strip().toLowerCase(java.util.Locale.ROOT);
    return switch (a) {
      case "" -> byDefault;
      case "y", "yes" -> Choice.YES;
      case "s", "skip" -> Choice.SKIP;
      case "u", "use default" -> Choice.USE_DEFAULT;
      default -> throw new IllegalArgumentException("answer: '" + answer + "' is not Y (yes), S (skip) or U (use default)");
    };
  }

  /** A yes/no answer ("(yes/no) [no]"); empty takes the default. */
  public static boolean yesNo(String field, String answer, boolean byDefault) {
    String a = answer == null ? "" : answer.strip().toLowerCase(java.util.Locale.ROOT);
    return switch (a) {
      case "" -> byDefault;
      case "y", "yes" -> true;
      case "n", "no" -> false;
      default -> throw new IllegalArgumentException(field + ": answer yes or no, not '" + answer + "'");
    };
  }

  /**
   * The guide: "The hostname should start with a letter, end with a letter or number, and contain
   * only letters, numbers, and dashes." (At most 63 characters, a DNS label's limit.)
   */
  public static Optional<String> hostNameProblem(String name) {
    if (name == null || !name.matches("[A-Za-z]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?")) {
      return Optional.of("Hostname: '" + (name == null ? "" : name) + "' must start with a letter, end with a letter or"
          + " number, and contain only letters, numbers, and dashes (at most 63 characters)");
    }
    return Optional.empty();
  }

  /**
   * The guide's root password rule: "a mix of upper and lower case letters, digits, and other
   * characters ... an 8 character long password with characters from all of these classes. An upper
   * case letter that begins the password and a digit that ends it do not count towards the number
   * of character classes used."
   */
  public static Optional<String> rootPasswordProblem(char[] password) {
    String rule = "Root password: use at least 8 characters with upper and lower case letters, digits and other"
        + " characters (an upper case letter that begins the password and a digit that ends it do not count)";
    if (password == null || password.length < 8) {
      return Optional.of(rule);
    }
    boolean upper = false;
    boolean lower = false;
    boolean digit = false;
    boolean other = false;
    for (int i = 0; i < password.length; i++) {
      char c = password[i];
      boolean leadingUpper = i == 0 && Character.isUpperCase(c);
      boolean trailingDigit = i == password.length - 1 && Character.isDigit(c);
      if (leadingUpper || trailingDigit) {
        continue;
      }
      if (Character.isUpperCase(c)) {
        upper = true;
      } else if (Character.isLowerCase(c)) {
        lower = true;
      } else if (Character.isDigit(c)) {
        digit = true;
      } else {
        other = true;
      }
    }
    return upper && lower && digit && other ? Optional.empty() : Optional.of(rule);
  }

  /** The Prime Infrastructure (admin server) communication password: at least 8 characters, no blanks. */
  public static Optional<String> adminServerPasswordProblem(char[] password) {
    if (password == null || password.length < 8 || new String(password).chars().anyMatch(Character::isWhitespace)) {
      return Optional.of("Prime Infrastructure password: use at least 8 characters and no spaces");
    }
    return Optional.empty();
  }

  /** An IPv4 address in the form #.#.#.# with each # from 0 to 255, as the guide's prompts ask. */
  public static Optional<String> ipv4Problem(String field, String address) {
    if (address == null || !address.matches("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}")) {
      return Optional.of(field + ": '" + (address == null ? "" : address) + "' must be in the form #.#.#.#, where # is 0"
          + " to 255");
    }
    return Optional.empty();
  }

  /** A netmask such as 255.255.255.0: contiguous ones; its prefix length, or a refusal. */
  public static int prefixLength(String field, String netmask) {
    ipv4Problem(field, netmask).ifPresent(p -> {
      throw new IllegalArgumentException(p);
    });
    long bits = 0;
    for (String octet : netmask.split("\\.")) {
      bits = (bits << 8) | Integer.parseInt(octet);
    }
    int ones = Long.bitCount(bits);
    long expected = ones == 0 ? 0 : (0xFFFFFFFFL << (32 - ones)) & 0xFFFFFFFFL;
    if (bits != expected) {
      throw new IllegalArgumentException(field + ": '" + netmask + "' is not a network mask (its ones must come first,"
          + " as in 255.255.255.0)");
    }
    return ones;
  }

  /** The guide's Guidelines: "The health monitor IP and virtual IP should always be different." */
  public static Optional<String> virtualIpProblem(String virtualIp, String healthMonitorIp) {
    Optional<String> form = ipv4Problem("Virtual IP address", virtualIp);
    if (form.isPresent()) {
      return form;
    }
    if (virtualIp.equals(healthMonitorIp)) {
      return Optional.of("Virtual IP address: " + virtualIp + " is the Health Monitor interface's address; the health"
          + " monitor IP and virtual IP must always be different");
    }
    return Optional.empty();
  }

  /** A time zone as the guide's last answer names it ("America/Los_Angeles") or UTC. */
  public static Optional<String> timeZoneProblem(String zone) {
    try {
      java.time.ZoneId.of(zone == null ? "" : zone.strip());
      return Optional.empty();
    } catch (java.time.DateTimeException e) {
      return Optional.of("Timezone: '" + zone + "' is not a time zone (e.g. America/Los_Angeles, or UTC)");
    }
  }
}
