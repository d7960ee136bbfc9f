import sys
import pandas as pd, numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
df=pd.read_csv(sys.argv[1],sep='\t',header=None,names=['src','kind','p','fl','maxp','nf','ff','lex','explicit','tier'])
df=df[df.src!='sdcnl-depression'].reset_index(drop=True)
df['y']=(df.kind=='POSITIVE').astype(int)
lg=lambda p: np.log(np.clip(p,1e-6,1-1e-6)/(1-np.clip(p,1e-6,1-1e-6)))
X=np.c_[lg(df.p), lg(df.maxp), (df.ff>0).astype(float), df.ff/df.nf]
teen=(df.src=='teenagers').values
def report(flag, label):
    out=['%-28s'%label]
    for s in ['suicidewatch','sdcnl-suicide','twitter-suicidal','teenagers','formspring']:
        m=df.src==s; out.append('%s %.3f'%(s[:8],flag[m].mean()))
    print('  '.join(out))
shipped=df.tier.isin(['HIGH','IMMINENT']).values
report(shipped,'shipped')
keeps={'none':np.zeros(len(df),bool),'explicit':df.explicit.values==1,'explicit|lexIMM':(df.explicit.values==1)|(df.lex.values=='IMMINENT'),'lexHIGH+':df.lex.isin(['HIGH','IMMINENT']).values}
for k,v in keeps.items(): print('keep',k,'teen share %.3f SW share %.3f'%(v[teen].mean(), v[(df.src=='suicidewatch').values].mean()))
for feats,name in [([0],'p'),([0,1],'p+maxp'),([0,1,2,3],'p+maxp+ff')]:
    sc=np.zeros(len(df))
    for seed in range(5):
        skf=StratifiedKFold(2,shuffle=True,random_state=seed)
        for tr,te in skf.split(X,df.y):
            m=LogisticRegression(C=1.0,max_iter=1000).fit(X[tr][:,feats],df.y[tr]); sc[te]+=m.decision_function(X[te][:,feats])/5
    for k,keep in keeps.items():
        best=None
        for t in np.sort(sc)[::-1]:
            if ((sc>=t)|keep)[teen].mean()>0.09: break
            best=t
        report((sc>=best)|keep, name+' keep '+k)
