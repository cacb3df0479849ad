package io.github.ad4j.core.normalise;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Allocates the names of generated variables so they clash neither with the user's names nor with
 * the adjoint {@code dv} every variable {@code v} may get.
 */
public final class Names {

  private final Set<String> taken = new HashSet<>();
  private final Set<String> takenAdjoints = new HashSet<>();
  /** Per base, the suffix to try next: names are never released, so earlier ones stay taken. */
  private final Map<String, Integer> nextSuffix = new HashMap<>();

  /** Names that are already in use. */
  public Names(Set<String> taken) {
    taken.forEach(this::take);
  }

  /** A new name from {@code base}, {@code base2}, {@code base3}, ... and reserves it. */
  public String fresh(String base) {
    for (int i = nextSuffix.getOrDefault(base, 1); ; i++) {
      String candidate = i == 1 ? base : base + i;
      if (isFree(candidate)) {
        take(candidate);
        nextSuffix.put(base, i + 1);
        return candidate;
      }
    }
  }

  private void take(String name) {
    taken.add(name);
    takenAdjoints.add(adjoint(name));
  }

  private boolean isFree(String candidate) {
    // neither a name in use, nor the adjoint of one, nor one whose adjoint is in use
    return !taken.contains(candidate)
        && !taken.contains(adjoint(candidate))
        && !takenAdjoints.contains(candidate)
        && !javax.lang.model.SourceVersion.isKeyword(candidate);
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
