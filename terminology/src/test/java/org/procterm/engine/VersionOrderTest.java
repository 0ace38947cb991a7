package org.procterm.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class VersionOrderTest {

	@Test
	void ordersNumericPartsAsNumbersAndUnversionedFirst() {
		List<String> versions = new ArrayList<>(List.of("1.10.0", "2026", "", "1.9.0", "2025", "1.9.0-beta"));
		versions.sort(VersionOrder.INSTANCE);
		assertEquals(List.of("", "1.9.0", "1.9.0-beta", "1.10.0", "2025", "2026"), versions);
	}
}
