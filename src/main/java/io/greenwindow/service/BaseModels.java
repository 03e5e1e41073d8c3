package io.greenwindow.service;

import io.greenwindow.job.Job;
import io.greenwindow.job.JobRepository;
import io.greenwindow.job.JobState;
import io.greenwindow.job.spec.BaseModel;
import io.greenwindow.job.spec.JobDocument;
import io.greenwindow.job.spec.ModelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * Turns a fine-tune's {@code job:ID} or {@code latest:NAME} base into the model file the job table records for
 * that job, when the fine-tune is released: the path comes from what the service stored, never from the spec's
 * text. A document whose base is already a file is returned as it is.
 */
public final class BaseModels {

    private BaseModels() {
    }

    public static JobDocument resolve(JobDocument document, JobRepository jobs) {
        if (!(document.model() instanceof ModelSpec.FineTune fineTune) || fineTune.base() instanceof BaseModel.File) {
            return document;
        }
        Job base;
        if (fineTune.base() instanceof BaseModel.OfJob ofJob) {
            base = jobs.find(ofJob.jobId())
                    .orElseThrow(() -> new IllegalStateException("model.base: no job " + ofJob.jobId()));
        } else {
            String name = ((BaseModel.LatestOf) fineTune.base()).specName();
            base = jobs.inStates(JobState.COMPLETED).stream()
                    .filter(j -> j.name().equals(name) && j.modelPath() != null)
                    .max(Comparator.comparing(Job::finishedAt, Comparator.nullsFirst(Comparator.naturalOrder())))
                    .orElseThrow(() -> new IllegalStateException("model.base: no completed job of spec '" + name
                            + "' has a trained model yet; train that spec first"));
        }
        if (base.state() != JobState.COMPLETED || base.modelPath() == null) {
            throw new IllegalStateException("model.base: job " + base.id() + " has no trained model (it is "
                    + base.state() + ")");
        }
        Path model;
        try {
            model = Path.of(base.modelPath()).toRealPath();
        } catch (IOException e) {
            model = null;
        }
        if (model == null || !Files.isRegularFile(model)) {
            throw new IllegalStateException("model.base: the model of job " + base.id() + " is no longer on disk");
        }
        return document.withBase(new BaseModel.File(model));
    }
}
