import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.InputStreamReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flowable.common.engine.impl.history.HistoryLevel;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.flowable.task.api.Task;

/**
 * The embedded BPMN peer of bench:cluster: an embedded Flowable engine on PostgreSQL runs the
 * five-hand-off procedure (five-steps.bpmn20.xml), closed loop at a given concurrency, publishing
 * one Kafka record (acks=all, idempotent) per start and per completion, as motcua publishes one
 * event batch per decision. Run with java's source launcher, the jars of pom.xml on the class path:
 *
 *   java -cp 'lib/*' FlowablePeer.java jdbc=URL user=U password=P bpmn=FILE brokers=H:P topic=T
 *     dossiers=N warmup=W concurrency=C
 *
 * One JSON line per phase on stdout. After the warm-up and after the measured run it waits for a
 * line on stdin, so the caller can read every process's CPU between exactly those two points.
 */
public class FlowablePeer {
  private static final int STEPS = 5;

  public static void main(String[] argv) throws Exception {
    Map<String, String> opts = new HashMap<>();
    for (String a : argv) {
      int eq = a.indexOf('=');
      if (eq < 1) throw new IllegalArgumentException("arguments are key=value, got " + a);
      opts.put(a.substring(0, eq), a.substring(eq + 1));
    }
    int dossiers = Integer.parseInt(opts.getOrDefault("dossiers", "500"));
    int warmup = Integer.parseInt(opts.getOrDefault("warmup", "200"));
    int concurrency = Integer.parseInt(opts.getOrDefault("concurrency", "16"));
    String brokers = opts.getOrDefault("brokers", "");

    StandaloneProcessEngineConfiguration cfg = new StandaloneProcessEngineConfiguration();
    cfg.setJdbcUrl(opts.get("jdbc"));
    cfg.setJdbcUsername(opts.get("user"));
    cfg.setJdbcPassword(opts.get("password"));
    cfg.setJdbcDriver("org.postgresql.Driver");
    cfg.setJdbcMaxActiveConnections(concurrency + 5);
    cfg.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
    // the SLA timers need the job executor, as a deployment would run it
    cfg.setAsyncExecutorActivate(true);
    cfg.setHistoryLevel(HistoryLevel.AUDIT);
    ProcessEngine engine = cfg.buildProcessEngine();
    try (FileInputStream bpmn = new FileInputStream(opts.get("bpmn"))) {
      engine.getRepositoryService().createDeployment().addInputStream("five-steps.bpmn20.xml", bpmn).deploy();
    }
    Producer<String, String> producer = null;
    if (!brokers.isEmpty()) {
      Properties p = new Properties();
      p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
      p.put(ProducerConfig.ACKS_CONFIG, "all");
      p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
      p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
      p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
      p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
      producer = new KafkaProducer<>(p);
    }
    BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in));
    try {
      // the SLA timer the comparison counts on: one armed while the first task is open
      String probe = engine.getRuntimeService().startProcessInstanceByKey("fiveSteps", "probe").getId();
      long armed = engine.getManagementService().createTimerJobQuery().processInstanceId(probe).count();
      engine.getRuntimeService().deleteProcessInstance(probe, "probe");
      Run warm = run(engine, producer, opts.get("topic"), "W", warmup, concurrency);
      System.out.println("{\"phase\":\"warm\",\"dossiers\":" + warmup + ",\"wallSeconds\":" + round(warm.wallSeconds()) + ",\"timersArmedOnStart\":" + armed + "}");
      stdin.readLine();
      Run measured = run(engine, producer, opts.get("topic"), "M", dossiers, concurrency);
      long[] lat = measured.latenciesMicros;
      Arrays.sort(lat);
      System.out.println(
          "{\"phase\":\"measured\",\"dossiers\":" + dossiers
              + ",\"completions\":" + lat.length
              + ",\"concurrency\":" + concurrency
              + ",\"wallSeconds\":" + round(measured.wallSeconds())
              + ",\"dossiersPerSecond\":" + round(dossiers / measured.wallSeconds())
              + ",\"completionsPerSecond\":" + round(lat.length / measured.wallSeconds())
              + ",\"completionP50Ms\":" + round(percentile(lat, 0.5) / 1000.0)
              + ",\"completionP99Ms\":" + round(percentile(lat, 0.99) / 1000.0)
              + ",\"published\":" + (producer != null)
              + "}");
      stdin.readLine();
    } finally {
      if (producer != null) producer.close();
      engine.close();
    }
  }

  private record Run(long nanos, long[] latenciesMicros) {
    double wallSeconds() {
      return nanos / 1e9;
    }
  }

  /** n dossiers, each started and its five tasks completed one after another, by `concurrency` officers. */
  private static Run run(ProcessEngine engine, Producer<String, String> producer, String topic, String prefix, int n, int concurrency)
      throws Exception {
    RuntimeService runtime = engine.getRuntimeService();
    TaskService tasks = engine.getTaskService();
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    List<Future<List<Long>>> officers = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int o = 0; o < concurrency; o++) {
      officers.add(pool.submit(() -> {
        List<Long> lat = new ArrayList<>();
        for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
          // the peer's database is created for each run, so a business key need only be unique within it
          String code = prefix + "-" + i;
          String id = runtime.startProcessInstanceByKey("fiveSteps", code, Map.of("code", code, "unit", "unit-1")).getId();
          publish(producer, topic, code, "received");
          for (int s = 0; s < STEPS; s++) {
            long c0 = System.nanoTime();
            Task task = tasks.createTaskQuery().processInstanceId(id).singleResult();
            tasks.complete(task.getId(), Map.of("decision" + s, "approved"));
            publish(producer, topic, code, task.getTaskDefinitionKey());
            lat.add((System.nanoTime() - c0) / 1000);
          }
        }
        return lat;
      }));
    }
    List<Long> all = new ArrayList<>();
    for (Future<List<Long>> f : officers) all.addAll(f.get());
    long nanos = System.nanoTime() - t0;
    pool.shutdown();
    return new Run(nanos, all.stream().mapToLong(Long::longValue).toArray());
  }

  private static void publish(Producer<String, String> producer, String topic, String code, String step) throws Exception {
    if (producer == null) return;
    String value = "{\"dossierCode\":\"" + code + "\",\"step\":\"" + step + "\",\"occurredAt\":\"" + Instant.now() + "\"}";
    producer.send(new ProducerRecord<>(topic, code, value)).get();
  }

  private static long percentile(long[] sorted, double q) {
    if (sorted.length == 0) return 0;
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
  }

  private static double round(double x) {
    return Math.round(x * 100) / 100.0;
  }
}
