package io.greenwindow.ledger;

/** The intensity a deployment zone is assumed to have over the model's life, and where it comes from. */
record DeploymentIntensity(Double gPerKwh, String basis) {

    static DeploymentIntensity unknown(String why) {
        return new DeploymentIntensity(null, why);
    }
}
