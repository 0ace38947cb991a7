package org.procterm.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Meta;
import org.springframework.jdbc.core.JdbcTemplate;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;

/**
 * The current CodeSystem and ValueSet resources, read straight from HAPI's tables with one query:
 * what the engine serves, without waiting for HAPI's JPA layer (Hibernate and some 90 repositories,
 * most of a start's time) to open. A resource comes back as HAPI's own read gives it: the stored
 * body, with its id, version, last-updated time, tags, profiles, security labels and source filled in
 * from the columns HAPI keeps them in (HAPI strips {@code meta} from the body it stores), parsed as
 * leniently as HAPI parses them; a resource that cannot be read is logged and left out. The schema
 * is HAPI's of the version procterm is built with, which {@code procterm migrate} creates on
 * PostgreSQL and Hibernate on H2; StoredTerminologyTest checks the two reads agree.
 */
public final class StoredTerminology {

	/** HAPI's TagTypeEnum, by ordinal: TAG, PROFILE, SECURITY_LABEL. */
	private static final int TAG = 0;
	private static final int PROFILE = 1;
	private static final int SECURITY_LABEL = 2;

	/**
	 * Every current, undeleted CodeSystem and ValueSet, one row per tag: the resource's own tags, which
	 * HAPI's read of a current version gives (HFJ_RES_TAG, not the version's HFJ_HISTORY_TAG).
	 */
	private static final String CURRENT = "SELECT r.RES_TYPE, r.FHIR_ID, r.RES_VER, r.RES_UPDATED, v.PID, v.RES_ENCODING, v.RES_TEXT_VC, "
			+ "v.SOURCE_URI, v.REQUEST_ID, t.TAG_TYPE, t.TAG_SYSTEM, t.TAG_CODE, t.TAG_DISPLAY, t.TAG_VERSION, t.TAG_USER_SELECTED "
			+ "FROM HFJ_RESOURCE r JOIN HFJ_RES_VER v ON v.RES_ID = r.RES_ID AND v.RES_VER = r.RES_VER "
			+ "LEFT JOIN HFJ_RES_TAG h ON h.RES_ID = r.RES_ID AND r.HAS_TAGS = TRUE LEFT JOIN HFJ_TAG_DEF t ON t.TAG_ID = h.TAG_ID "
			+ "WHERE r.RES_DELETED_AT IS NULL AND r.RES_TYPE IN ('CodeSystem', 'ValueSet')";
	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(StoredTerminology.class);

	private final JdbcTemplate jdbc;
	private final FhirContext fhirContext;

	public StoredTerminology(DataSource dataSource, FhirContext fhirContext) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.fhirContext = fhirContext;
	}

	/**
	 * Whether HAPI's tables exist yet. On H2 Hibernate makes them at the first start; until then
	 * nothing is stored (on PostgreSQL a start refuses a database {@code procterm migrate} has not made).
	 */
	public boolean schemaExists() {
		return Boolean.TRUE.equals(jdbc.execute((java.sql.Connection c) -> {
			var meta = c.getMetaData();
			for (String name : new String[] {"HFJ_RES_VER", "hfj_res_ver"}) {
				try (ResultSet tables = meta.getTables(null, null, name, null)) {
					if (tables.next()) {
						return true;
					}
				}
			}
			return false;
		}));
	}

	/** Every CodeSystem and ValueSet as it now stands, in the order they were first stored. */
	public List<DomainResource> current() {
		return read(CURRENT + " ORDER BY r.RES_ID, v.PID");
	}

	/** The resource {@code type/id} as it now stands, or empty if it is deleted or was never stored. */
	public Optional<DomainResource> read(String type, String id) {
		return read(CURRENT + " AND r.RES_TYPE = ? AND r.FHIR_ID = ? ORDER BY v.PID", type, id).stream().findFirst();
	}

	private List<DomainResource> read(String sql, Object... args) {
		// one statement, so the rows and their tags are one snapshot of the database
		Map<Long, DomainResource> byVersion = new LinkedHashMap<>();
		java.util.Set<Long> unreadable = new java.util.HashSet<>();
		jdbc.query(sql, (ResultSet rs) -> {
			long pid = rs.getLong("PID");
			if (unreadable.contains(pid)) {
				return;
			}
			DomainResource resource = byVersion.get(pid);
			if (resource == null) {
				try {
					resource = resource(rs);
				} catch (RuntimeException e) {
					// as a resource the engine cannot serve: stored and readable over REST, not served by the engine
					log.warn("{}/{} is stored but not served by the terminology engine: {}", rs.getString("RES_TYPE"), rs.getString("FHIR_ID"),
							e.getMessage());
					unreadable.add(pid);
					return;
				}
				byVersion.put(pid, resource);
			}
			addTag(resource, rs);
		}, args);
		// in HAPI's order, as its read gives them
		byVersion.values().forEach(r -> TAG_ORDER.sort(r.getMeta()));
		return new ArrayList<>(byVersion.values());
	}

	private static final ca.uhn.fhir.util.IMetaTagSorter TAG_ORDER = new ca.uhn.fhir.util.MetaTagSorterAlphabetical();

	private DomainResource resource(ResultSet rs) throws SQLException {
		String type = rs.getString("RES_TYPE");
		String id = rs.getString("FHIR_ID");
		// as leniently as HAPI reads what it stored: a value valid when it was stored stays readable
		IParser parser = fhirContext.newJsonParser().setParserErrorHandler(new ca.uhn.fhir.parser.LenientErrorHandler(false).disableAllErrors());
		DomainResource resource = (DomainResource) parser.parseResource(fhirContext.getResourceDefinition(type).getImplementingClass(), text(rs));
		long version = rs.getLong("RES_VER");
		resource.setId(type + "/" + id + "/_history/" + version);
		Meta meta = resource.getMeta();
		meta.setVersionId(Long.toString(version));
		meta.setLastUpdated(rs.getTimestamp("RES_UPDATED"));
		ca.uhn.fhir.util.MetaUtil.populateResourceSource(fhirContext, rs.getString("SOURCE_URI"), rs.getString("REQUEST_ID"), resource);
		return resource;
	}

	/**
	 * The stored body. HAPI writes it as JSON text on every database but Oracle (its
	 * ResourceHistoryCalculator), and procterm's databases are made by the HAPI it is built with.
	 */
	private static String text(ResultSet rs) throws SQLException {
		String text = rs.getString("RES_TEXT_VC");
		if (text == null || !"JSON".equals(rs.getString("RES_ENCODING"))) {
			throw new IllegalStateException("The stored " + rs.getString("RES_TYPE") + "/" + rs.getString("FHIR_ID")
					+ " is not kept as JSON text (encoding " + rs.getString("RES_ENCODING") + "), which this procterm cannot read");
		}
		return text;
	}

	private static void addTag(DomainResource resource, ResultSet rs) throws SQLException {
		Meta meta = resource.getMeta();
		int type = rs.getInt("TAG_TYPE");
		if (rs.wasNull()) {
			return; // no tag: the left join's empty row
		}
		String system = rs.getString("TAG_SYSTEM");
		String code = rs.getString("TAG_CODE");
		String display = rs.getString("TAG_DISPLAY");
		switch (type) {
			case PROFILE -> meta.addProfile(code);
			case SECURITY_LABEL -> meta.addSecurity().setSystem(system).setCode(code).setDisplay(display);
			case TAG -> {
				var tag = meta.addTag().setSystem(system).setCode(code).setDisplay(display).setVersion(rs.getString("TAG_VERSION"));
				boolean userSelected = rs.getBoolean("TAG_USER_SELECTED");
				if (!rs.wasNull()) {
					tag.setUserSelected(userSelected);
				}
			}
			// as HAPI's read, which knows no other kind of tag, leaves it out
			default -> log.warn("{} has a tag of a kind this procterm does not know ({}), left out", resource.getIdElement().getValue(), type);
		}
	}
}
