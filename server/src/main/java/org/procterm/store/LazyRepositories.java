package org.procterm.store;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.DependencyDescriptor;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.annotation.ContextAnnotationAutowireCandidateResolver;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.core.support.RepositoryFactoryBeanSupport;
import org.springframework.util.ClassUtils;

/**
 * Makes HAPI's Spring Data repositories (about 90, each with its JPQL queries parsed and checked
 * when made) on first use instead of at start-up, as Spring Data's own lazy bootstrap mode does:
 * HAPI's configuration asks for eager ones, and a restart of procterm uses only a few. Each
 * repository's factory is made lazy, and whatever is injected with a repository gets a proxy that
 * makes it on the first call. A query that does not parse then fails at that call rather than at
 * start-up, which HAPI's own tests of its release already rule out.
 */
public final class LazyRepositories implements BeanFactoryPostProcessor {

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		for (String name : beanFactory.getBeanDefinitionNames()) {
			BeanDefinition definition = beanFactory.getBeanDefinition(name);
			if (isRepositoryFactory(definition)) {
				definition.setLazyInit(true);
				definition.getPropertyValues().add("lazyInit", true);
			}
		}
		if (beanFactory instanceof DefaultListableBeanFactory factory) {
			factory.setAutowireCandidateResolver(new LazyRepositoryInjection());
		}
	}

	private static boolean isRepositoryFactory(BeanDefinition definition) {
		String type = definition.getBeanClassName();
		if (type == null) {
			return false;
		}
		try {
			return RepositoryFactoryBeanSupport.class.isAssignableFrom(ClassUtils.forName(type, LazyRepositories.class.getClassLoader()));
		} catch (ClassNotFoundException | LinkageError e) {
			return false;
		}
	}

	/** Injects a repository as a proxy that resolves it on first use. */
	private static final class LazyRepositoryInjection extends ContextAnnotationAutowireCandidateResolver {
		@Override
		protected boolean isLazy(DependencyDescriptor descriptor) {
			Class<?> type = descriptor.getDependencyType();
			return super.isLazy(descriptor) || type.isInterface() && Repository.class.isAssignableFrom(type);
		}
	}
}
