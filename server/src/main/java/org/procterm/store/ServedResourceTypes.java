package org.procterm.store;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;

/**
 * Keeps HAPI's JPA store to the resource types procterm serves. HAPI declares a DAO (created at
 * start-up) and a REST provider for each of R4's 146 resource types; making and wiring them is
 * several seconds of every start on two cores, and a terminology server has no use for Patient or
 * Observation. The DAO and provider beans of the other types are taken out before Spring creates
 * anything, and HAPI's DAO registry is told which types there are. Most of HAPI checks the registry
 * before it uses a type; the places that do not are covered where they show: transaction entries
 * (UnstoredTypeEntries), the SearchParameter reindex job (off, see StorageConfig) and the Patient
 * $merge provider (made lazy below). With {@code null} every type is kept.
 */
public final class ServedResourceTypes implements BeanDefinitionRegistryPostProcessor {

	/**
	 * The types always served whatever the setting says: those procterm stores its content in and a
	 * release import installs, and those HAPI's own services look up when they are made (Binary for
	 * packages, Provenance and Task for its $merge and reference replacement).
	 */
	public static final Set<String> REQUIRED = Set.of("CodeSystem", "ValueSet", "ConceptMap", "NamingSystem", "PlanDefinition", "Library",
			"SearchParameter", "StructureDefinition", "Questionnaire", "Binary", "Provenance", "Task");

	/** HAPI's Patient $merge provider, which looks up the Patient DAO when made: made only if asked for (never, by procterm). */
	private static final Set<String> PATIENT_MERGE = Set.of("patientMergeProvider");

	/** HAPI's generated configuration names each type's beans daoPatientR4 and rpPatientR4. */
	private static final Pattern GENERATED = Pattern.compile("(?:dao|rp)([A-Z][A-Za-z]+)R4");

	private final Set<String> served;

	/** @param configured the types asked for, or null for every type */
	public ServedResourceTypes(Set<String> configured) {
		if (configured == null) {
			this.served = null;
		} else {
			Set<String> all = new TreeSet<>(configured);
			all.addAll(REQUIRED);
			this.served = Set.copyOf(all);
		}
	}

	/** The types served, or null for every type. */
	public Set<String> served() {
		return served;
	}

	@Override
	public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
		if (served == null) {
			return;
		}
		for (String name : registry.getBeanDefinitionNames()) {
			BeanDefinition definition = registry.getBeanDefinition(name);
			String factory = definition.getFactoryBeanName();
			Matcher m = definition.getFactoryMethodName() == null ? null : GENERATED.matcher(definition.getFactoryMethodName());
			if (factory != null && factory.contains("GeneratedDaoAndResourceProviderConfigR4") && m != null && m.matches()
					&& !served.contains(m.group(1))) {
				registry.removeBeanDefinition(name);
			} else if (PATIENT_MERGE.contains(name) && !served.contains("Patient")) {
				definition.setLazyInit(true);
			}
		}
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		if (served == null) {
			return;
		}
		beanFactory.addBeanPostProcessor(new BeanPostProcessor() {
			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof DaoRegistry registry) {
					registry.setSupportedResourceTypes(served);
				}
				return bean;
			}
		});
	}
}
