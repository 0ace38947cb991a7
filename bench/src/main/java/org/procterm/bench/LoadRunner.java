package org.procterm.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A closed-loop load generator: {@code clients} threads, each sending its next request as soon as
 * the previous answer has been read, for a fixed time after a warm-up. Every latency is kept, so
 * the percentiles are exact. Any answer other than HTTP 200 counts as an error and is reported.
 */
final class LoadRunner {

	/** What one operation measured at one concurrency. */
	record Result(String operation, int clients, long requests, long errors, double seconds, double p50, double p95, double p99,
			double perSecond, String firstError) {}

	private final Duration warmup;
	private final Duration measure;

	LoadRunner(Duration warmup, Duration measure) {
		this.warmup = warmup;
		this.measure = measure;
	}

	/** Runs {@code request} (given the request number, so each call can differ) from {@code clients} threads. */
	Result run(String operation, int clients, IntFunction<URI> request) throws InterruptedException {
		drive(clients, request, warmup, null);
		List<long[]> perThread = new ArrayList<>();
		for (int i = 0; i < clients; i++) {
			perThread.add(new long[1 << 20]);
		}
		Outcome outcome = drive(clients, request, measure, perThread);
		long[] all = new long[(int) outcome.requests];
		int at = 0;
		for (int t = 0; t < clients; t++) {
			System.arraycopy(perThread.get(t), 0, all, at, outcome.counts[t]);
			at += outcome.counts[t];
		}
		Arrays.sort(all);
		return new Result(operation, clients, outcome.requests, outcome.errors.get(), outcome.seconds,
				percentile(all, 0.50), percentile(all, 0.95), percentile(all, 0.99), outcome.requests / outcome.seconds, outcome.firstError);
	}

	private record Outcome(long requests, int[] counts, AtomicInteger errors, double seconds, String firstError) {}

	private Outcome drive(int clients, IntFunction<URI> request, Duration length, List<long[]> latencies) throws InterruptedException {
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
		AtomicInteger sequence = new AtomicInteger();
		AtomicInteger errors = new AtomicInteger();
		int[] counts = new int[clients];
		String[] firstError = new String[1];
		CountDownLatch done = new CountDownLatch(clients);
		long start = System.nanoTime();
		long end = start + length.toNanos();
		for (int t = 0; t < clients; t++) {
			int thread = t;
			Thread worker = new Thread(() -> {
				try {
					while (System.nanoTime() < end) {
						HttpRequest r = HttpRequest.newBuilder(request.apply(sequence.getAndIncrement()))
								.header("Accept", "application/fhir+json").timeout(Duration.ofSeconds(30)).GET().build();
						long sent = System.nanoTime();
						HttpResponse<byte[]> response = http.send(r, HttpResponse.BodyHandlers.ofByteArray());
						long took = System.nanoTime() - sent;
						if (response.statusCode() != 200) {
							if (errors.getAndIncrement() == 0) {
								firstError[0] = response.statusCode() + " " + new String(response.body()).substring(0, Math.min(300, response.body().length));
							}
						}
						if (latencies != null && counts[thread] < latencies.get(thread).length) {
							latencies.get(thread)[counts[thread]++] = took;
						}
					}
				} catch (Exception e) {
					errors.incrementAndGet();
					firstError[0] = e.toString();
				} finally {
					done.countDown();
				}
			}, "load-" + t);
			worker.start();
		}
		done.await();
		double seconds = (System.nanoTime() - start) / 1e9;
		long requests = Arrays.stream(counts).asLongStream().sum();
		return new Outcome(requests, counts, errors, seconds, firstError[0]);
	}

	private static double percentile(long[] sortedNanos, double p) {
		if (sortedNanos.length == 0) {
			return Double.NaN;
		}
		int i = (int) Math.ceil(p * sortedNanos.length) - 1;
		return sortedNanos[Math.max(0, Math.min(i, sortedNanos.length - 1))] / 1e6;
	}
}
