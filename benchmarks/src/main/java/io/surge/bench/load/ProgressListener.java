package io.surge.bench.load;

/** Hears a run's progress on the thread that runs it: once a second, then once at the end. */
public interface ProgressListener {
    ProgressListener NONE = new ProgressListener() {
        @Override
        public void second(SecondSample sample, Measurements.Counts totals) {
        }

        @Override
        public void finished() {
        }
    };

    void second(SecondSample sample, Measurements.Counts totals);

    void finished();
}
