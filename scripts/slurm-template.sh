#!/bin/bash
# SLURM submission template for subtomo jobs (RELION's placeholders; copy and edit for your cluster):
#   subtomo class2d ... --queue NAME --qsub sbatch --qsubscript scripts/slurm-template.sh --nr_mpi 4 --nr_threads 12
#   then: subtomo jobs (its state in the queue), subtomo jobs --abort JOB (cancels it): squeue and scancel unless --qstat/--qcancel
#SBATCH --job-name=subtomo
#SBATCH --partition=XXXqueueXXX
#SBATCH --ntasks=XXXmpinodesXXX
#SBATCH --cpus-per-task=XXXthreadsXXX
#SBATCH --output=XXXoutfileXXX
#SBATCH --error=XXXerrfileXXX
#SBATCH --comment=XXXnameXXX
# one rank per task, XXXthreadsXXX threads each (XXXcoresXXX cores in all)
mpirun -n XXXmpinodesXXX XXXcommandXXX
