package org.procterm.content.cpt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.procterm.content.Progress;
import org.procterm.engine.codesystem.CodeSystemDiff;
import org.procterm.engine.codesystem.CodeSystemIndex;

class CodeSystemDiffTest {

	private static CodeSystemIndex release(String version) {
		return CodeSystemIndex.of(CptReleaseCodeSystem.build(AmaReleaseReader.read(Releases.fixture(version), version, Progress.NONE), null));
	}

	@Test
	void listsExactlyTheCodesAddedDeletedAndRevised() {
		CodeSystemDiff diff = CodeSystemDiff.between(release("2025"), release("2026"));

		assertEquals(List.of("0202T", "22216"), diff.added().stream().map(CodeSystemDiff.Added::code).toList());
		assertEquals(List.of("0101T"), diff.deleted().stream().map(CodeSystemDiff.Deleted::code).toList());
		assertEquals(List.of("22212", "63190"), diff.revised().stream().map(CodeSystemDiff.Revised::code).toList());
		assertEquals(List.of("display", "upper"), diff.revised().get(0).changes().stream().map(CodeSystemDiff.Change::descriptor).toList());
		CodeSystemDiff.Change shortChange = diff.revised().get(1).changes().get(0);
		assertEquals(new CodeSystemDiff.Change("short", "FX ROOT CUT 3+", "FX ROOT CUT 3 OR MORE"), shortChange);
	}

	@Test
	void aVersionComparedWithItselfHasNoChanges() {
		CodeSystemDiff diff = CodeSystemDiff.between(release("2026"), release("2026"));
		assertEquals(0, diff.added().size() + diff.deleted().size() + diff.revised().size());
	}

	@Test
	void goingBackwardsSwapsAddedAndDeleted() {
		CodeSystemDiff diff = CodeSystemDiff.between(release("2026"), release("2025"));
		assertEquals(List.of("0101T"), diff.added().stream().map(CodeSystemDiff.Added::code).toList());
		assertEquals(List.of("0202T", "22216"), diff.deleted().stream().map(CodeSystemDiff.Deleted::code).toList());
	}
}
