package io.greenwindow.train;

import io.greenwindow.job.spec.DataSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * All examples of a job in memory, cut into batches by a shuffle that depends only on (seed, epoch). DL4J's
 * iterators cannot say where they are, so we feed batches ourselves: the data position of a checkpoint is then
 * just (epoch, batch index), and a resumed run sees exactly the batches an uninterrupted one would.
 */
final class TrainingData {

    private final DataSet all;
    private final int numExamples;
    private final boolean sequence;
    private final String alphabet;
    private final NormalizerStandardize normalizer;
    private List<Integer> cachedOrder;
    private long cachedKey;

    private TrainingData(DataSet all, boolean sequence, String alphabet, NormalizerStandardize normalizer) {
        this.all = all;
        this.numExamples = all.numExamples();
        this.sequence = sequence;
        this.alphabet = alphabet;
        this.normalizer = normalizer;
    }

    static TrainingData load(DataSpec spec) {
        if (spec instanceof DataSpec.Csv csv) {
            return csv(csv);
        }
        DataSpec.CharCorpus corpus = (DataSpec.CharCorpus) spec;
        return chars(CharCorpus.generate(corpus.seed(), corpus.length()), corpus.sequenceLength());
    }

    int numExamples() {
        return numExamples;
    }

    /** Number of inputs per example (per time step for sequences). */
    int numInputs() {
        return (int) all.getFeatures().size(1);
    }

    int numOutputs() {
        return (int) all.getLabels().size(1);
    }

    boolean isSequence() {
        return sequence;
    }

    /** The characters of a corpus, index = one-hot position; empty for tabular data. */
    String alphabet() {
        return alphabet;
    }

    NormalizerStandardize normalizer() {
        return normalizer;
    }

    int batchesPerEpoch(int batchSize) {
        return (numExamples + batchSize - 1) / batchSize;
    }

    /** Batch {@code index} of {@code epoch}: a fixed permutation per (seed, epoch), so resume needs no iterator. */
    DataSet batch(long seed, int epoch, int index, int batchSize) {
        List<Integer> order = order(seed, epoch);
        int from = index * batchSize;
        int to = Math.min(numExamples, from + batchSize);
        int[] rows = order.subList(from, to).stream().mapToInt(Integer::intValue).toArray();
        INDArray features = rows(all.getFeatures(), rows);
        INDArray labels = rows(all.getLabels(), rows);
        return new DataSet(features, labels);
    }

    private List<Integer> order(long seed, int epoch) {
        long key = seed * 1_000_003L + epoch;
        if (cachedOrder == null || cachedKey != key) {
            List<Integer> order = IntStream.range(0, numExamples).boxed()
                    .collect(ArrayList::new, List::add, List::addAll);
            java.util.Collections.shuffle(order, new Random(key));
            cachedOrder = order;
            cachedKey = key;
        }
        return cachedOrder;
    }

    /** Up to {@code n} examples' features, for the inference probe. */
    INDArray sampleFeatures(int n) {
        int rows = Math.min(n, numExamples);
        INDArray first = all.getFeatures().get(NDArrayIndex.interval(0, rows));
        if (rows == n) {
            return first.dup();
        }
        // Repeat examples to reach the requested batch when the data set is smaller than it.
        int[] idx = IntStream.range(0, n).map(i -> i % numExamples).toArray();
        return rows(all.getFeatures(), idx);
    }

    private static INDArray rows(INDArray array, int[] rows) {
        if (array.rank() == 2) {
            return array.getRows(rows);
        }
        long[] idx = java.util.Arrays.stream(rows).asLongStream().toArray();
        return array.get(new org.nd4j.linalg.indexing.SpecifiedIndex(idx), NDArrayIndex.all(), NDArrayIndex.all())
                .dup();
    }

    private static TrainingData csv(DataSpec.Csv spec) {
        List<String> lines;
        try {
            lines = Files.readAllLines(SubmittedFiles.unchanged(spec.path(), "data.path"));
        } catch (IOException e) {
            throw new TrainingFailure("data.path: cannot read " + spec.path() + " (" + e.getClass().getSimpleName() + ")");
        }
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int i = spec.skipLines(); i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split(",");
            if (spec.labelColumn() >= cells.length) {
                throw new TrainingFailure("data.labelColumn: " + spec.labelColumn() + " is beyond the "
                        + cells.length + " columns of " + spec.path() + " line " + (i + 1));
            }
            double[] features = new double[cells.length - 1];
            int f = 0;
            for (int c = 0; c < cells.length; c++) {
                String cell = cells[c].trim();
                try {
                    if (c == spec.labelColumn()) {
                        int label = Integer.parseInt(cell);
                        if (label < 0 || label >= spec.numClasses()) {
                            throw new TrainingFailure("data: the label at " + spec.path() + " line " + (i + 1)
                                    + " is outside the classes 0.." + (spec.numClasses() - 1) + " of data.numClasses");
                        }
                        labels.add(label);
                    } else {
                        features[f++] = Double.parseDouble(cell);
                    }
                } catch (NumberFormatException e) {
                    // Never quote the cell: a reason is shown and stored, and the file is not the reader's to see.
                    throw new TrainingFailure("data: " + spec.path() + " line " + (i + 1) + " column " + c + " ("
                            + (c == spec.labelColumn() ? "data.labelColumn" : "a feature") + ") is not "
                            + (c == spec.labelColumn() ? "a whole-number class index" : "a number"));
                }
            }
            if (!rows.isEmpty() && rows.get(0).length != features.length) {
                throw new TrainingFailure("data: " + spec.path() + " line " + (i + 1) + " has "
                        + (features.length + 1) + " columns, expected " + (rows.get(0).length + 1));
            }
            rows.add(features);
        }
        if (rows.isEmpty()) {
            throw new TrainingFailure("data.path: " + spec.path() + " holds no examples");
        }
        INDArray x = Nd4j.create(rows.toArray(new double[0][])).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
        INDArray y = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, rows.size(), spec.numClasses());
        for (int r = 0; r < labels.size(); r++) {
            y.putScalar(r, labels.get(r), 1.0);
        }
        DataSet all = new DataSet(x, y);
        // Fitted on the whole file, deterministically, so a resumed run recomputes the same statistics.
        NormalizerStandardize normalizer = new NormalizerStandardize();
        normalizer.fit(all);
        normalizer.transform(all);
        return new TrainingData(all, false, "", normalizer);
    }

    private static TrainingData chars(String text, int seqLength) {
        String alphabet = text.chars().distinct().sorted()
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        int sequences = (text.length() - 1) / seqLength;
        INDArray x = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, sequences, alphabet.length(), seqLength);
        INDArray y = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, sequences, alphabet.length(), seqLength);
        for (int s = 0; s < sequences; s++) {
            for (int t = 0; t < seqLength; t++) {
                int pos = s * seqLength + t;
                x.putScalar(new int[] {s, alphabet.indexOf(text.charAt(pos)), t}, 1.0);
                y.putScalar(new int[] {s, alphabet.indexOf(text.charAt(pos + 1)), t}, 1.0);
            }
        }
        return new TrainingData(new DataSet(x, y), true, alphabet, null);
    }
}
