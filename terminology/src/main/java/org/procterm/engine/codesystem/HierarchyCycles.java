package org.procterm.engine.codesystem;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds codes caught in a cycle of parent links (a code that is its own ancestor), which FHIR
 * forbids and which would make subsumption answer both ways. Iterative (Kahn's algorithm), so a
 * hierarchy of any depth costs no stack: codes are peeled off from the leaves up, and whatever
 * cannot be peeled off lies on or above a cycle.
 */
final class HierarchyCycles {

	private HierarchyCycles() {}

	/** @return up to {@code most} codes on a cycle or above one (ancestors of a cycle cannot be peeled off either), in the code system's order; empty when there is none */
	static List<String> find(Map<String, List<String>> parentsByChild, int most) {
		Map<String, Integer> childCount = new HashMap<>();
		parentsByChild.forEach((child, parents) -> parents.forEach(p -> childCount.merge(p, 1, Integer::sum)));
		Deque<String> leaves = new ArrayDeque<>();
		parentsByChild.keySet().forEach(code -> {
			if (!childCount.containsKey(code)) {
				leaves.add(code);
			}
		});
		while (!leaves.isEmpty()) {
			String code = leaves.pop();
			for (String parent : parentsByChild.getOrDefault(code, List.of())) {
				if (childCount.merge(parent, -1, Integer::sum) == 0) {
					leaves.add(parent);
				}
			}
		}
		List<String> stuck = new ArrayList<>();
		for (String code : parentsByChild.keySet()) {
			if (childCount.getOrDefault(code, 0) > 0 && stuck.size() < most) {
				stuck.add(code);
			}
		}
		return stuck;
	}
}
