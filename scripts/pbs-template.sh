#!/bin/bash
# PBS/Torque submission template for subtomo jobs (RELION's placeholders; copy and edit for your cluster):
#   subtomo class2d ... --queue NAME --qsub qsub --qsubscript scripts/pbs-template.sh --nr_mpi 4 --nr_threads 12
#   then: subtomo jobs (its state in the queue), subtomo jobs --abort JOB (cancels it): qstat and qdel unless --qstat/--qcancel
#PBS -N subtomo
#PBS -q XXXqueueXXX
#PBS -l nodes=XXXmpinodesXXX:ppn=XXXthreadsXXX
#PBS -o XXXoutfileXXX
#PBS -e XXXerrfileXXX
# job XXXnameXXX: XXXmpinodesXXX ranks x XXXthreadsXXX threads
cd "$PBS_O_WORKDIR"
mpirun -n XXXmpinodesXXX XXXcommandXXX
