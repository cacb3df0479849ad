package io.github.ad4j.core.normalise;

import java.util.HashSet;
import java.util.Set;

/**
 * Allocates the names of generated variables so they clash neither with the user's names nor with
 * the adjoint {@code dv} every variable {@code v} may get.
 */
public final class Names {

  private final Set<String> taken;

  /** Names that are already in use. */
  public Names(Set<String> taken) {
    this.taken = new HashSet<>(taken);
  }

  /** A new name from {@code base}, {@code base2}, {@code base3}, ... and reserves it. */
  public String fresh(String base) {
    for (int i = 1; ; i++) {
      String candidate = i == 1 ? base : base + i;
      if (isFree(candidate)) {
        taken.add(candidate);
        return candidate;
      }
    }
  }

  private boolean isFree(String candidate) {
    if (taken.contains(candidate) || taken.contains(adjoint(candidate))) {
      return false;
    }
    // the candidate must not be the adjoint of a name in use either
    for (String name : taken) {
      if (adjoint(name).equals(candidate)) {
        return false;
      }
    }
    return !javax.lang.model.SourceVersion.isKeyword(candidate);
  }

  /**
   * The adjoint's name of variable {@code name}: {@code x} -> {@code dx}; where that would be a
   * keyword ({@code o} -> {@code do}), the name is capitalised ({@code dO}).
   */
  public static String adjoint(String name) {
    String adjoint = "d" + name;
    if (javax.lang.model.SourceVersion.isKeyword(adjoint)) {
      return "d" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
    return adjoint;
  }
}
